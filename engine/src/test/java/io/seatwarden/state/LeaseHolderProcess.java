package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A second engine process for {@link CrossProcessStateTest}. Opens the state at {@code args[0]} (as
 * user {@code args[2]}), takes tenant {@code args[1]}'s apply lease for two minutes of real time,
 * closes the state (the lease lives in it, so an embedded H2 file is free for other processes while
 * the lease is held) and prints {@code HELD} (or {@code BUSY}); then, on a line {@code RELEASE} from
 * stdin, opens the state again, releases the lease and prints {@code RELEASED}. Killed instead, it
 * leaves the lease behind, as a crashed apply does.
 *
 * <p>With {@code args[3]} = {@code hold-open} it only opens the state, prints {@code OPEN}, keeps it
 * open until a line {@code CLOSE}, then closes it and prints {@code CLOSED}.
 */
public final class LeaseHolderProcess {
    private LeaseHolderProcess() {}

    public static void main(String[] args) throws Exception {
        StateConfig config = new StateConfig(args[0], Optional.of(args[2]).filter(user -> !user.isEmpty()), Optional.empty());
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StateStores stores = new StateStores(Clock.systemUTC());
        if (args.length > 3 && args[3].equals("hold-open")) {
            try (StateStore store = stores.open(config)) {
                say("OPEN");
                for (String line = input.readLine(); line != null && !line.equals("CLOSE"); line = input.readLine()) {
                    // keep the file open
                }
            }
            say("CLOSED");
            return;
        }
        TenantId tenant = TenantId.of(args[1]);
        Optional<Lease> lease;
        try (StateStore store = stores.open(config)) {
            lease = store.locks().tryAcquire(tenant, "child-" + ProcessHandle.current().pid(), Duration.ofMinutes(2));
        }
        say(lease.isPresent() ? "HELD" : "BUSY");
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (line.equals("RELEASE") && lease.isPresent()) {
                try (StateStore store = stores.open(config)) {
                    store.locks().release(lease.get());
                }
                say("RELEASED");
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
