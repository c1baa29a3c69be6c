package io.seatwarden.catalog;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Microsoft's product catalog. The catalog itself is read on use ({@link CatalogLoader#bundled()}), not here. */
public final class CatalogModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CatalogLoader.class).in(Singleton.class);
    }
}
