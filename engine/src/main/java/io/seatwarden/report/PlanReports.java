package io.seatwarden.report;

import com.google.inject.Inject;
import io.seatwarden.plan.Plan;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Renders a plan in any {@link Format}, through the renderers {@link ReportModule} binds.
 *
 * <pre>{@code
 * reports.render(plan, Format.JSON, System.out);
 * }</pre>
 */
public final class PlanReports {
    private final Map<Format, PlanRenderer> renderers;

    @Inject
    public PlanReports(Map<Format, PlanRenderer> renderers) {
        this.renderers = new EnumMap<>(requireNonNull(renderers, "renderers is null"));
        for (Format format : Format.values()) {
            if (!this.renderers.containsKey(format)) {
                throw new IllegalArgumentException("no renderer for " + format);
            }
        }
    }

    /** Writes the report as UTF-8 to {@code out}; flushes but does not close it. */
    public void render(Plan plan, Format format, OutputStream out) throws IOException {
        renderer(format).render(plan, out);
    }

    /** The same, headed by when it was made, the tenant's name and the policies' revision, as far as {@code header} knows them. */
    public void render(Plan plan, PlanHeader header, Format format, OutputStream out) throws IOException {
        renderer(format).render(plan, header, out);
    }

    public PlanRenderer renderer(Format format) {
        return renderers.get(requireNonNull(format, "format is null"));
    }
}
