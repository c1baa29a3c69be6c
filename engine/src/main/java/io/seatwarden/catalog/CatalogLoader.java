package io.seatwarden.catalog;

import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads Microsoft's "Product names and service plan identifiers for licensing" CSV (one row per
 * product and service plan: {@code Product_Display_Name,String_Id,GUID,Service_Plan_Name,
 * Service_Plan_Id,Service_Plans_Included_Friendly_Names}; UTF-8, optionally with a byte order mark,
 * fields quoted when they hold commas) into a {@link ProductCatalog}. Products keep the order of
 * their first row, plans the order of their rows.
 *
 * <p>{@link #bundled()} reads the copy inside the jar, with the bundled list of mutually exclusive plans; {@code CatalogFiles.fromFile} a newer download.
 * A malformed file is a {@link CatalogException} naming {@code file:line}. Stateless and thread-safe.
 */
public final class CatalogLoader {
    /** Classpath name of the bundled copy of the catalog. */
    public static final String BUNDLED_RESOURCE = "seatwarden/licensing-service-plan-reference.csv";
    static final List<String> HEADER = List.of("Product_Display_Name", "String_Id", "GUID", "Service_Plan_Name",
            "Service_Plan_Id", "Service_Plans_Included_Friendly_Names");

    /** The catalog that ships inside the jar. */
    public ProductCatalog bundled() {
        InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled catalog " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (in) {
            return parse(in, "classpath:" + BUNDLED_RESOURCE).withConflicts(ServicePlanConflicts.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled catalog", e);
        }
    }

    /** Parses the CSV; {@code source} names it in errors. */
    public ProductCatalog parse(InputStream in, String source) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        CsvRecords records = new CsvRecords(reader, source);
        List<String> header = records.next();
        if (header == null) {
            throw new CatalogException(source + ":1: the file is empty");
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header = new ArrayList<>(header);
            header.set(0, header.get(0).substring(1));
        }
        if (!header.equals(HEADER)) {
            throw new CatalogException(source + ":1: expected the header " + String.join(",", HEADER)
                    + ", found " + String.join(",", header));
        }
        Map<SkuId, ProductRows> products = new LinkedHashMap<>();
        for (List<String> next = records.next(); next != null; next = records.next()) {
            List<String> row = next;
            int line = records.recordLine();
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue; // a blank line, as at the end of some downloads
            }
            if (row.size() != HEADER.size()) {
                throw new CatalogException(source + ":" + line + ": expected " + HEADER.size() + " fields, found " + row.size());
            }
            SkuId skuId = new SkuId(uuid(row.get(2), "GUID", source, line));
            ServicePlanId planId = new ServicePlanId(uuid(row.get(4), "Service_Plan_Id", source, line));
            ProductRows product = products.computeIfAbsent(skuId, id -> new ProductRows(clean(row.get(1)), clean(row.get(0))));
            product.plans.add(new ProductCatalog.Plan(planId, clean(row.get(3)), clean(row.get(5))));
        }
        List<ProductCatalog.Product> result = new ArrayList<>();
        products.forEach((skuId, rows) -> result.add(
                new ProductCatalog.Product(skuId, rows.skuPartNumber, rows.displayName, rows.plans)));
        return new ProductCatalog(result);
    }

    private static UUID uuid(String text, String column, String source, int line) {
        try {
            return UUID.fromString(clean(text));
        } catch (IllegalArgumentException e) {
            throw new CatalogException(source + ":" + line + ": " + column + " is not a GUID: '" + text + "'");
        }
    }

    /** Microsoft's file has stray no-break spaces around some values, which {@link String#strip()} keeps. */
    static String clean(String field) {
        int start = 0;
        int end = field.length();
        while (start < end && isSpace(field.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(field.charAt(end - 1))) {
            end--;
        }
        return field.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    private static final class ProductRows {
        private final String skuPartNumber;
        private final String displayName;
        private final List<ProductCatalog.Plan> plans = new ArrayList<>();

        ProductRows(String skuPartNumber, String displayName) {
            this.skuPartNumber = skuPartNumber;
            this.displayName = displayName;
        }
    }
}
