package io.seatwarden.catalog.file;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.seatwarden.catalog.CatalogLoader;

/** Microsoft's product catalog. The catalog itself is read on use ({@link CatalogLoader#bundled()}), not here. */
public final class CatalogModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CatalogLoader.class).in(Singleton.class);
        bind(CatalogFiles.class).in(Singleton.class);
    }
}
