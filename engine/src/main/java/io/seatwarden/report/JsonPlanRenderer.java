package io.seatwarden.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.plan.Plan;

import java.io.IOException;
import java.io.Writer;

/**
 * The plan JSON contract (DESIGN.md "Plan JSON"; schema: {@value #SCHEMA_RESOURCE} in the jar): one
 * document, two-space indented, {@code \n} line ends, properties in the records' declared order,
 * map entries by key, no timestamp, so the same plan always gives the same bytes.
 */
public final class JsonPlanRenderer implements PlanRenderer {
    /** Classpath name of the JSON Schema of the document this renderer writes. */
    public static final String SCHEMA_RESOURCE = "seatwarden/schema/plan.schema.json";

    private final ObjectWriter writer;

    public JsonPlanRenderer() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // The default indenter uses the platform's line separator; the contract is byte-identical output everywhere.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        this.writer = mapper.writer(printer);
    }

    @Override
    public void render(Plan plan, Writer out) throws IOException {
        writer.writeValue(out, plan);
        out.write('\n');
        out.flush();
    }
}
