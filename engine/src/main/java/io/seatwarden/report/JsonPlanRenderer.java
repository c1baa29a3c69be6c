package io.seatwarden.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicyRevision;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The plan JSON contract (DESIGN.md "Plan JSON"; schema: {@value #SCHEMA_RESOURCE} in the jar): one
 * document, properties in the records' declared order, map entries by key, no timestamp, {@code \n}
 * line ends, so the same plan always gives the same bytes.
 *
 * <p>Layout: the top level and the summary are indented; each entry of {@code skus}, {@code changes},
 * {@code skipped} and {@code warnings} is one line. A diff of two plans then shows one line per
 * changed user, and a million-user plan stays about half the size of a fully indented one.
 */
public final class JsonPlanRenderer implements PlanRenderer {
    /** Classpath name of the JSON Schema of the document this renderer writes. */
    public static final String SCHEMA_RESOURCE = "seatwarden/schema/plan.schema.json";
    /** Nesting levels up to this one start on a new line; deeper ones stay on their parent's line. */
    private static final int LINE_LEVELS = 2;

    private final ObjectWriter writer;

    public JsonPlanRenderer() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        this.writer = mapper.writer(new ShallowPrinter(separators));
    }

    @Override
    public void render(Plan plan, PlanHeader header, Writer out) throws IOException {
        writer.writeValue(out, document(plan, header));
        out.write('\n');
        out.flush();
    }

    /** Straight to bytes: Jackson's UTF-8 generator is faster than going through a {@link Writer}. */
    @Override
    public void render(Plan plan, PlanHeader header, OutputStream out) throws IOException {
        writer.writeValue(out, document(plan, header));
        out.write('\n');
        out.flush();
    }

    private static Object document(Plan plan, PlanHeader header) {
        if (header.tenantName().isEmpty() && header.policies().isEmpty()) {
            return plan;
        }
        return new Document(plan, header.tenantName().orElse(null), header.policies().orElse(null));
    }

    /**
     * The plan's own properties, then the header's: {@code tenantName} and {@code policyRevision}
     * when known (additions to the contract, in the schema). Never the time: see {@link PlanHeader}.
     */
    @JsonPropertyOrder({"plan", "tenantName", "policyRevision"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Document(@JsonUnwrapped Plan plan, String tenantName, PolicyRevision policyRevision) {}

    /**
     * Indents like {@link DefaultPrettyPrinter} (two spaces, {@code \n}) down to {@link #LINE_LEVELS};
     * anything deeper stays on one line, with a space after each separator.
     */
    private static final class ShallowPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        ShallowPrinter(Separators separators) {
            super(separators);
            _objectIndenter = ShallowIndenter.INSTANCE;
            _arrayIndenter = ShallowIndenter.INSTANCE;
        }

        private ShallowPrinter(ShallowPrinter base) {
            super(base);
        }

        @Override
        public ShallowPrinter createInstance() {
            return new ShallowPrinter(this);
        }

        @Override
        public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
            if (_nesting > LINE_LEVELS && entries > 0) {
                _nesting--;
                generator.writeRaw(" }");
            } else {
                super.writeEndObject(generator, entries);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator generator, int values) throws IOException {
            if (_nesting > LINE_LEVELS && values > 0) {
                _nesting--;
                generator.writeRaw(" ]");
            } else {
                super.writeEndArray(generator, values);
            }
        }
    }

    /** A new line and two spaces per level up to {@link #LINE_LEVELS}; one space below that. */
    private static final class ShallowIndenter implements DefaultPrettyPrinter.Indenter {
        static final ShallowIndenter INSTANCE = new ShallowIndenter();

        @Override
        public void writeIndentation(JsonGenerator generator, int level) throws IOException {
            if (level <= LINE_LEVELS) {
                generator.writeRaw('\n');
                for (int index = 0; index < level; index++) {
                    generator.writeRaw("  ");
                }
            } else {
                generator.writeRaw(' ');
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }
}
