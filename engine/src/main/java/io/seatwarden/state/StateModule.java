package io.seatwarden.state;

import com.google.inject.AbstractModule;

/**
 * Binds {@link StateStores}, the factory commands call with the {@link StateConfig} they parsed
 * ({@code --state-url}, environment, or the embedded default); the store itself is not bound,
 * because opening it is I/O and needs command-line input.
 */
public final class StateModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(StateStores.class);
    }
}
