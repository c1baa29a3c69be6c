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
 * Renders a {@link Plan} in one {@link Format}. Output is a function of the plan and its
 * {@link PlanHeader} alone: no clock, no locale, no platform line separator ({@code \n} everywhere),
 * so equal plans render to equal bytes. Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * renderers.get(Format.MARKDOWN).render(plan, System.out);
 * }</pre>
 */
public interface PlanRenderer {
    /** Writes the whole report, headed by what {@code header} knows, to {@code out}; flushes but does not close it. */
    void render(Plan plan, PlanHeader header, Writer out) throws IOException;

    /** Writes the whole report to {@code out}; flushes but does not close it. */
    default void render(Plan plan, Writer out) throws IOException {
        render(plan, PlanHeader.NONE, out);
    }

    /** Writes the whole report to {@code out} as UTF-8; flushes but does not close it. */
    default void render(Plan plan, PlanHeader header, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        render(plan, header, writer);
        writer.flush();
    }

    /** Writes the whole report to {@code out} as UTF-8; flushes but does not close it. */
    default void render(Plan plan, OutputStream out) throws IOException {
        render(plan, PlanHeader.NONE, out);
    }

    /** The whole report as a string (tests, small plans). */
    default String renderToString(Plan plan) {
        return renderToString(plan, PlanHeader.NONE);
    }

    default String renderToString(Plan plan, PlanHeader header) {
        StringWriter out = new StringWriter();
        try {
            render(plan, header, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
