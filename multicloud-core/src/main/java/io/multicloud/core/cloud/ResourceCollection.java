package io.multicloud.core.cloud;

import io.multicloud.api.CreateRequest;
import io.multicloud.api.Named;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Resources;
import io.multicloud.api.Validate;
import io.multicloud.spi.ResourceService;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A collection the user creates in and deletes from. Every request is checked here, before
 * the driver is called.
 *
 * @param <T> the record type
 * @param <R> the request type
 * @param <S> the driver service type
 */
class ResourceCollection<T extends Named, R extends CreateRequest, S extends ResourceService<T, R>>
        extends CatalogView<T, S> implements Resources<T, R> {

    ResourceCollection(CloudContext context, ResourceKind kind, Supplier<S> service) {
        super(context, kind, service);
    }

    @Override
    public T create(R request) {
        Validate.required(kind.label() + " request", request);
        request.requireComplete();
        return service().create(request);
    }

    /** How long {@link #delete(String)} waits for a resource to be gone. */
    static final Duration DELETE_TIMEOUT = Duration.ofMinutes(30);

    /** Asks the cloud to delete, then waits until the cloud no longer lists the resource. */
    @Override
    public void delete(String name) {
        Validate.notBlank(kind.label() + " name", name);
        service().delete(name);
        awaitGone(name, DELETE_TIMEOUT);
    }

    /** Waits until the cloud no longer finds the resource. */
    protected void awaitGone(String name, Duration timeout) {
        Waiter.await(() -> find(name), seen -> seen.isEmpty() ? new Waiter.Verdict.Done<>(name) : new Waiter.Verdict.Again<>(),
                timeout, context.error(kind, name), "gone");
    }

    @Override
    public T waitUntil(String name, Predicate<? super T> condition, Duration timeout) {
        Validate.notBlank(kind.label() + " name", name);
        Validate.required("condition", condition);
        Validate.required("timeout", timeout);
        return Waiter.await(() -> find(name), seen -> {
            T value = seen.orElseThrow(() -> notFound(name));
            return condition.test(value) ? new Waiter.Verdict.Done<>(value) : new Waiter.Verdict.Again<>();
        }, timeout, context.error(kind, name), "in the awaited state");
    }

    /** Checks a list of names given to an action. */
    static String[] names(String field, String... names) {
        Validate.notEmpty(field, names == null ? null : java.util.List.of(names));
        for (String n : names) {
            Validate.notBlank(field, n);
        }
        return names;
    }
}
