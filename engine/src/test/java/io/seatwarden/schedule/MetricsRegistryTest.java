package io.seatwarden.schedule;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsRegistryTest {
    @Test
    void rendersPrometheusTextWithSortedFamiliesSeriesAndLabels() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.declare("b_total", MetricsRegistry.Type.COUNTER, "Things.");
        registry.declare("a_free", MetricsRegistry.Type.GAUGE, "Free.");
        registry.increment("b_total", 2, Map.of("tenant", "y", "kind", "add"));
        registry.increment("b_total", 1, Map.of("tenant", "x", "kind", "add"));
        registry.increment("b_total", 3, Map.of("kind", "add", "tenant", "y"));
        registry.set("a_free", 1.5, Map.of("sku", "E3 \"quoted\""));

        assertThat(registry.render()).isEqualTo("""
                # HELP a_free Free.
                # TYPE a_free gauge
                a_free{sku="E3 \\"quoted\\""} 1.5
                # HELP b_total Things.
                # TYPE b_total counter
                b_total{kind="add",tenant="x"} 1
                b_total{kind="add",tenant="y"} 5
                """);
    }

    @Test
    void countersOnlyGoUpAndMustBeDeclared() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.declare("c_total", MetricsRegistry.Type.COUNTER, "C.");
        assertThatThrownBy(() -> registry.increment("c_total", -1, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.set("c_total", 1, Map.of())).hasMessage("metric c_total is a COUNTER");
        assertThatThrownBy(() -> registry.increment("nope", 1, Map.of())).hasMessage("metric nope is not declared");
    }
}
