package io.seatwarden.schedule;

import io.seatwarden.state.StateStore;

import static java.util.Objects.requireNonNull;

/**
 * Opens the reconciler a service's runs use, on the service's open state (the engine's ownership,
 * journal and run history live there; the service owns and closes it). The session is closed when
 * the service stops.
 */
public interface TenantReconcilers {
    Session open(StateStore state);

    /** A reconciler and what it holds open. */
    interface Session extends AutoCloseable {
        TenantReconciler reconciler();

        @Override
        void close();
    }

    /** Always the same reconciler, holding nothing open (tests, and builds without the engine flow). */
    static TenantReconcilers of(TenantReconciler reconciler) {
        requireNonNull(reconciler, "reconciler is null");
        return state -> new Session() {
            @Override
            public TenantReconciler reconciler() {
                return reconciler;
            }

            @Override
            public void close() {}
        };
    }
}
