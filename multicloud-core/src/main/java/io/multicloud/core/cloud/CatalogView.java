package io.multicloud.core.cloud;

import io.multicloud.api.Catalog;
import io.multicloud.api.Named;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.spi.CatalogService;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read-only collection over a driver service.
 *
 * @param <T> the record type
 * @param <S> the driver service type
 */
class CatalogView<T extends Named, S extends CatalogService<T>> implements Catalog<T> {
    protected final CloudContext context;
    protected final ResourceKind kind;
    private final Supplier<S> service;

    CatalogView(CloudContext context, ResourceKind kind, Supplier<S> service) {
        this.context = context;
        this.kind = kind;
        this.service = service;
    }

    /** The driver's service, got on each use so that a driver may build its SDK client lazily. */
    protected S service() {
        return service.get();
    }

    @Override
    public List<T> list() {
        return List.copyOf(service().list());
    }

    @Override
    public Optional<T> find(String name) {
        Validate.notBlank(kind.label() + " name", name);
        return service().find(name);
    }

    @Override
    public T get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    protected NotFoundException notFound(String name) {
        return new NotFoundException(context.error(kind, name), "not found");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + context.connection() + "]";
    }
}
