package io.seatwarden.report;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/** Reporting: one {@link PlanRenderer} per {@link Format}, injected as {@code Map<Format, PlanRenderer>}. */
public final class ReportModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<Format, PlanRenderer> renderers = MapBinder.newMapBinder(binder(), Format.class, PlanRenderer.class);
        renderers.addBinding(Format.TEXT).to(TextPlanRenderer.class);
        renderers.addBinding(Format.MARKDOWN).to(MarkdownPlanRenderer.class);
        renderers.addBinding(Format.JSON).to(JsonPlanRenderer.class);
        renderers.addBinding(Format.HTML).to(HtmlPlanRenderer.class);
        bind(PlanReports.class);
    }
}
