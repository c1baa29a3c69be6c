package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A second engine process for {@link CrossProcessStateTest}: opens the state at {@code args[0]},
 * takes tenant {@code args[1]}'s apply lease for two minutes of real time, prints {@code HELD}
 * (or {@code BUSY}), then on a line {@code RELEASE} from stdin releases it and prints
 * {@code RELEASED}. Killed instead, it leaves the lease behind, as a crashed apply does.
 */
public final class LeaseHolderProcess {
    private LeaseHolderProcess() {}

    public static void main(String[] args) throws Exception {
        try (StateStore store = new StateStores(Clock.systemUTC()).open(new StateConfig(args[0], Optional.of(args[2]), Optional.empty()))) {
            Optional<Lease> lease = store.locks().tryAcquire(TenantId.of(args[1]), "child-" + ProcessHandle.current().pid(),
                    Duration.ofMinutes(2));
            System.out.println(lease.isPresent() ? "HELD" : "BUSY");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                if (line.equals("RELEASE") && lease.isPresent()) {
                    store.locks().release(lease.get());
                    System.out.println("RELEASED");
                    System.out.flush();
                }
            }
        }
    }
}
