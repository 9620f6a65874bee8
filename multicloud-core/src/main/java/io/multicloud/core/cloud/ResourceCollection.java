package io.multicloud.core.cloud;

import io.multicloud.api.ConflictException;
import io.multicloud.api.CreateRequest;
import io.multicloud.api.Named;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Resources;
import io.multicloud.api.Tagged;
import io.multicloud.api.TaggedRequest;
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

    /** Creates the resource, marked as the library's ({@link Tagged#MANAGED}) where the request carries tags. */
    @Override
    @SuppressWarnings("unchecked")
    public T create(R request) {
        Validate.required(kind.label() + " request", request);
        request.requireComplete();
        R marked = request instanceof TaggedRequest<?> tagged ? (R) tagged.tag(Tagged.MANAGED, "true") : request;
        return service().create(marked);
    }

    /** How long {@link #delete(String)} waits for a resource to be gone. */
    static final Duration DELETE_TIMEOUT = Duration.ofMinutes(30);

    /**
     * Refuses a resource the library did not make (one that carries tags, without
     * {@link Tagged#MANAGED}), then deletes as {@link #forceDelete} does.
     */
    @Override
    public void delete(String name) {
        Validate.notBlank(kind.label() + " name", name);
        T found = find(name).orElseThrow(() -> notFound(name));
        if (found instanceof Tagged tagged && !tagged.managed()) {
            throw new ConflictException(context.error(kind, name), "was not made by this library (it has no "
                    + Tagged.MANAGED + " tag): delete it with forceDelete(\"" + name + "\") if that is what you mean");
        }
        deleteAndWait(found.name());
    }

    /** Asks the cloud to delete, then waits until the cloud no longer lists the resource. */
    @Override
    public void forceDelete(String name) {
        Validate.notBlank(kind.label() + " name", name);
        deleteAndWait(find(name).map(Named::name).orElse(name));
    }

    private void deleteAndWait(String name) {
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
