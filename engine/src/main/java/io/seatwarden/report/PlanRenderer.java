package io.seatwarden.report;

import io.seatwarden.plan.Plan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Renders a {@link Plan} in one {@link Format}. Output is a function of the plan alone: no clock,
 * no locale, no platform line separator ({@code \n} everywhere), so equal plans render to equal
 * bytes. Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * renderers.get(Format.MARKDOWN).render(plan, System.out);
 * }</pre>
 */
public interface PlanRenderer {
    /** Writes the whole report to {@code out}; flushes but does not close it. */
    void render(Plan plan, Writer out) throws IOException;

    /** Writes the whole report to {@code out} as UTF-8; flushes but does not close it. */
    default void render(Plan plan, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        render(plan, writer);
        writer.flush();
    }

    /** The whole report as a string (tests, small plans). */
    default String renderToString(Plan plan) {
        StringWriter out = new StringWriter();
        try {
            render(plan, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
