package io.seatwarden.reconcile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavedPlanTest {
    @Test
    void readsThePlanJsonContract() {
        SavedPlan plan = SavedPlan.parse("""
                {"tenantId": "t1", "summary": {}, "changes": [
                  {"userId": "u1", "userPrincipalName": "a@x", "usageLocation": "DE",
                   "addLicenses": [{"skuId": "6FD2C87F-B296-42F0-B197-1E91E994B900", "skuPartNumber": "E3", "disabledPlans": []}],
                   "removeLicenses": [], "policies": ["sales"]}]}
                """, "plan.json");
        assertThat(plan.tenantId()).map(Object::toString).contains("t1");
        assertThat(plan.changes().get("u1").usageLocation()).isEqualTo("DE");
        assertThat(plan.changes().get("u1").adds()).containsExactly("6fd2c87f-b296-42f0-b197-1e91e994b900[]");
        assertThat(plan.undoes()).isEmpty();
    }

    @Test
    void namesThePlaceOfBadInput() {
        assertThatThrownBy(() -> SavedPlan.parse("{\n  \"changes\": [,]\n}", "plan.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("plan.json:2:");
        assertThatThrownBy(() -> SavedPlan.parse("{\"skus\": []}", "plan.json")).hasMessageContaining("not a saved plan");
        assertThatThrownBy(() -> SavedPlan.parse("{\"changes\": [{\"userPrincipalName\": \"a\"}]}", "plan.json"))
                .hasMessageContaining("plan.json: changes[0]: missing userId");
    }
}
