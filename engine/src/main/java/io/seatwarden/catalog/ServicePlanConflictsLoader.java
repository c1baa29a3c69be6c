package io.seatwarden.catalog;

import io.seatwarden.directory.ServicePlanId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the list of mutually exclusive service plans (CSV {@code family,servicePlanName,servicePlanId},
 * UTF-8, optional byte order mark): {@link #bundled()} the copy in the jar, {@link #parse} a newer one.
 * A malformed file is a {@link CatalogException} naming {@code file:line}. Stateless and thread-safe.
 */
public final class ServicePlanConflictsLoader {
    /** Classpath name of the bundled list (a transcription of the Entra docs page, see shared/data/README.md). */
    public static final String BUNDLED_RESOURCE = "seatwarden/mutually-exclusive-service-plans.csv";
    private static final List<String> HEADER = List.of("family", "servicePlanName", "servicePlanId");

    public ServicePlanConflicts bundled() {
        InputStream in = ServicePlanConflictsLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled list " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (in) {
            return parse(in, "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled list of mutually exclusive service plans", e);
        }
    }

    public ServicePlanConflicts parse(InputStream in, String source) throws IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), source);
        List<String> header = records.next();
        if (header == null) {
            throw new CatalogException(source + ":1: the file is empty");
        }
        List<String> cleaned = new ArrayList<>();
        header.forEach(field -> cleaned.add(CatalogLoader.clean(field)));
        if (!cleaned.equals(HEADER)) {
            throw new CatalogException(source + ":1: expected the header " + String.join(",", HEADER) + ", found " + String.join(",", header));
        }
        List<ServicePlanConflicts.Plan> plans = new ArrayList<>();
        for (List<String> row = records.next(); row != null; row = records.next()) {
            int line = records.recordLine();
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != HEADER.size()) {
                throw new CatalogException(source + ":" + line + ": expected " + HEADER.size() + " fields, found " + row.size());
            }
            UUID id;
            try {
                id = UUID.fromString(CatalogLoader.clean(row.get(2)));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(source + ":" + line + ": servicePlanId is not a GUID: '" + row.get(2) + "'");
            }
            plans.add(new ServicePlanConflicts.Plan(CatalogLoader.clean(row.get(0)), CatalogLoader.clean(row.get(1)), new ServicePlanId(id)));
        }
        return new ServicePlanConflicts(plans);
    }
}
