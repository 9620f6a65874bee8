package io.multicloud.driver.mock;

import io.multicloud.api.Named;
import io.multicloud.spi.CatalogService;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-only view of the catalog (regions, images, specs or prices). Calls go through the
 * connection's behaviour (counted, delayed, throttled, faulted) like any other.
 *
 * @param <T> the record type
 */
final class MockCatalogService<T extends Named> implements CatalogService<T> {
    private final MockContext ctx;
    private final String kind;
    private final Supplier<List<T>> items;
    private final Function<String, Optional<T>> finder;

    MockCatalogService(MockContext ctx, String kind, Supplier<List<T>> items, Function<String, Optional<T>> finder) {
        this.ctx = ctx;
        this.kind = kind;
        this.items = items;
        this.finder = finder;
    }

    @Override
    public List<T> list() {
        return ctx.catalog(MockOperations.of(kind, "list"), items);
    }

    @Override
    public Optional<T> find(String name) {
        return ctx.catalog(MockOperations.of(kind, "find"), () -> finder.apply(name));
    }
}
