package io.seatwarden.emulator;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters that only name ids are looked up, not tested against every user; any other filter is not. */
class FilterIdsTest {
    private static final Map<String, String> PROPERTIES = Map.of("id", "id", "displayname", "displayName", "accountenabled", "accountEnabled");

    private static Filter parse(String text) {
        return Filter.parse(text, PROPERTIES, "User");
    }

    @Test
    void anInListOrOredEqualsNameTheIdsInLowerCase() {
        assertThat(parse("id in ('A0000000-0000-4000-8000-000000000001', 'b')").ids()).hasValueSatisfying(ids ->
                assertThat(ids).containsExactlyInAnyOrder("a0000000-0000-4000-8000-000000000001", "b"));
        assertThat(parse("id eq 'x' or ID eq 'y'").ids()).hasValueSatisfying(ids -> assertThat(ids).containsExactlyInAnyOrder("x", "y"));
    }

    @Test
    void anythingMoreThanIdsIsTestedUserByUser() {
        assertThat(parse("id in ('a') and accountEnabled eq true").ids()).isEmpty();
        assertThat(parse("id eq 'a' or displayName eq 'b'").ids()).isEmpty();
        assertThat(parse("displayName eq 'id'").ids()).isEmpty();
        assertThat(parse("not (id eq 'a')").ids()).isEmpty();
    }
}
