package io.seatwarden.graph;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** The Graph read side: {@link GraphReaders}, which commands use to open a reader for {@code --graph-url}. */
public final class GraphDirectoryModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(GraphReaders.class).in(Singleton.class);
        bind(TenantCredentials.class).toInstance(new TenantCredentials(System.getenv()));
    }
}
