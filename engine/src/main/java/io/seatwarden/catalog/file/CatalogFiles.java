package io.seatwarden.catalog.file;

import com.google.inject.Inject;
import io.seatwarden.catalog.CatalogException;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.ServicePlanConflicts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** Reads a newer download of Microsoft's product catalog CSV than the one bundled in the jar. */
public final class CatalogFiles {
    private final CatalogLoader loader;

    @Inject
    public CatalogFiles(CatalogLoader loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    /**
     * A newer list of mutually exclusive service plans ({@code family,servicePlanName,servicePlanId}) than the
     * bundled one; failures are a {@link CatalogException} naming the file (and line).
     */
    public ServicePlanConflicts conflictsFromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ServicePlanConflicts.parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new CatalogException(file + ": no such file");
        } catch (IllegalArgumentException e) {
            throw new CatalogException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The catalog in {@code file}; every failure is a {@link CatalogException} naming the file (and line). */
    public ProductCatalog fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // a newer product list does not retract Microsoft's list of plans that cannot be assigned together
            return loader.parse(in, file.toString()).withConflicts(ServicePlanConflicts.bundled());
        } catch (NoSuchFileException e) {
            throw new CatalogException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CatalogException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
