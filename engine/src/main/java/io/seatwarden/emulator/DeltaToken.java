package io.seatwarden.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The state a delta query's {@code $skiptoken} or {@code $deltatoken} carries (Graph's tokens are opaque;
 * the query options of the first request are encoded in them, graph-facts §6): which collection, the
 * token generation, the round's slice of the change log ({@code from} exclusive, -1 for a first round
 * that returns every object; {@code upTo} inclusive), where the next page starts, when the round's
 * delta link was issued (for the 7-day lifetime), and the first request's {@code $select} and
 * {@code $filter} ids.
 */
record DeltaToken(String resource, int generation, long from, long upTo, int position, long issuedAtSecond,
                  Optional<List<String>> select, List<String> ids) {
    private static final String PREFIX = "seatwarden-delta:";

    DeltaToken {
        requireNonNull(resource, "resource is null");
        requireNonNull(select, "select is null");
        ids = List.copyOf(ids);
    }

    String encode() {
        String text = PREFIX + String.join("|", resource, Integer.toString(generation), Long.toString(from), Long.toString(upTo),
                Integer.toString(position), Long.toString(issuedAtSecond), select.map(names -> "s" + String.join(",", names)).orElse("-"),
                String.join(",", ids));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The token, or empty when this emulator did not issue it. */
    static Optional<DeltaToken> decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String[] parts = text.substring(PREFIX.length()).split("\\|", -1);
            if (parts.length != 8) {
                return Optional.empty();
            }
            Optional<List<String>> select = parts[6].equals("-") ? Optional.empty() : Optional.of(split(parts[6].substring(1)));
            return Optional.of(new DeltaToken(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Integer.parseInt(parts[4]), Long.parseLong(parts[5]), select, split(parts[7])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String text) {
        List<String> result = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    DeltaToken at(int newPosition) {
        return new DeltaToken(resource, generation, from, upTo, newPosition, issuedAtSecond, select, ids);
    }

    /** The next round's token: changes after this round's end. */
    DeltaToken nextRound(long issuedAt) {
        return new DeltaToken(resource, generation, upTo, upTo, 0, issuedAt, select, ids);
    }
}
