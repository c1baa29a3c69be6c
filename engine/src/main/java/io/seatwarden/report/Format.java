package io.seatwarden.report;

import java.util.Locale;

/** The forms a plan can be rendered in; {@code --format} takes their lower-case names. */
public enum Format {
    /** A table a person reads at a glance on a terminal. */
    TEXT("txt"),
    /** The same for a pull-request comment: summary line first, tables, long lists folded. */
    MARKDOWN("md"),
    /** The plan JSON contract (DESIGN.md), for machines; its schema ships in the jar. */
    JSON("json"),
    /** A self-contained page (no external assets) with seat usage per subscription at a glance. */
    HTML("html");

    private final String fileExtension;

    Format(String fileExtension) {
        this.fileExtension = fileExtension;
    }

    public String fileExtension() {
        return fileExtension;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
