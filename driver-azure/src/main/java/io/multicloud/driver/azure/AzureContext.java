package io.multicloud.driver.azure;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every service class of one connection shares: the configuration, the SDK clients, the
 * error mapping, the resource group everything lives in, and the waiting on long-running
 * operations (the SDK's pollers, with the connection's poll interval and a timeout).
 */
final class AzureContext {
    /** The tag marking what the library made (the resource group it created, every resource it creates). */
    static final String MANAGED_TAG = "multicloud:managed";

    private final ConnectionConfig config;
    private final AzureClients clients;
    private final AzureErrors errors;
    private final String resourceGroup;
    private final boolean ownGroup;
    private final AzureLookup lookup;
    private volatile boolean groupReady;

    AzureContext(ConnectionConfig config, AzureClients clients, AzureErrors errors) {
        this.config = config;
        this.clients = clients;
        this.errors = errors;
        this.ownGroup = config.property(AzureDriver.RESOURCE_GROUP).isEmpty();
        this.resourceGroup = config.property(AzureDriver.RESOURCE_GROUP).orElse("multicloud-" + config.region());
        this.lookup = new AzureLookup(this);
    }

    /** Finds resources by name (the connection's group first) or id (any group of the subscription). */
    AzureLookup lookup() {
        return lookup;
    }

    ConnectionConfig config() {
        return config;
    }

    AzureClients clients() {
        return clients;
    }

    AzureErrors errors() {
        return errors;
    }

    String region() {
        return config.region();
    }

    /** The zone to place things in when a request names none, or null for Azure's choice (no zone). */
    String defaultZone() {
        return config.zone();
    }

    /** The resource group the connection works in. */
    String resourceGroup() {
        return resourceGroup;
    }

    String subscription() {
        return clients.subscription();
    }

    ErrorContext context(ResourceKind kind, String name) {
        return ErrorContext.of(config.name(), kind, name);
    }

    /**
     * Makes sure the resource group exists before a create: the driver's own group is made on
     * first use (tagged as the library's); a group named by the {@code resource_group} property
     * must exist. One look-up per connection.
     */
    void ensureResourceGroup() {
        if (groupReady) {
            return;
        }
        synchronized (this) {
            if (groupReady) {
                return;
            }
            boolean exists = errors.call(null, resourceGroup, () -> clients.resources().getResourceGroups().checkExistence(resourceGroup));
            if (!exists) {
                if (!ownGroup) {
                    throw new NotFoundException(ErrorContext.of(config.name(), null, resourceGroup),
                            "the resource group '" + resourceGroup + "' named by the property '" + AzureDriver.RESOURCE_GROUP
                                    + "' does not exist");
                }
                errors.call(null, resourceGroup, () -> clients.resources().getResourceGroups().createOrUpdate(resourceGroup,
                        new ResourceGroupInner().withLocation(region()).withTags(Map.of(MANAGED_TAG, "true"))));
            }
            groupReady = true;
        }
    }

    /** Runs a list call; a resource group that does not exist yet holds nothing. */
    <T> Optional<T> whereGroupExists(ResourceKind kind, Supplier<T> call) {
        try {
            return Optional.ofNullable(errors.call(kind, null, call));
        } catch (NotFoundException e) {
            if ("ResourceGroupNotFound".equals(e.context().providerCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A read of one resource; Azure's 404 (the resource or its group absent) is empty. */
    <T> Optional<T> find(ResourceKind kind, String name, Supplier<T> call) {
        try {
            return Optional.ofNullable(errors.call(kind, name, call));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The NotFound of a name. */
    NotFoundException notFound(ResourceKind kind, String name) {
        return new NotFoundException(context(kind, name), "no " + kind.label() + " of this name or id in the subscription (a name is looked for in resource group "
                + resourceGroup + " first)");
    }

    /** The poll interval of long-running operations. */
    Duration pollInterval() {
        return Duration.ofMillis(Math.max(1, clients.intProperty(AzureDriver.POLL_INTERVAL_MS, 2000)));
    }

    /** How long the driver waits for a long-running operation it must see finished. */
    Duration operationTimeout() {
        return Duration.ofSeconds(Math.max(1, clients.intProperty(AzureDriver.OPERATION_TIMEOUT_S, 900)));
    }

    /**
     * Waits for a long-running operation through its poller ({@code Azure-AsyncOperation} or
     * {@code Location}), then returns its final result; a failed operation throws the mapped error.
     */
    <T> T await(ResourceKind kind, String name, boolean zonal, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        return errors.call(kind, name, zonal, () -> {
            SyncPoller<PollResult<T>, T> poller = begin.get();
            poller.setPollInterval(pollInterval());
            PollResponse<PollResult<T>> last = poller.waitForCompletion(operationTimeout());
            if (last.getStatus() == LongRunningOperationStatus.IN_PROGRESS
                    || last.getStatus() == LongRunningOperationStatus.NOT_STARTED) {
                throw new CloudTimeoutException(context(kind, name), "the operation did not finish in " + operationTimeout());
            }
            if (last.getStatus() == LongRunningOperationStatus.FAILED || last.getStatus() == LongRunningOperationStatus.USER_CANCELLED) {
                PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
                throw errors.failed(kind, name, zonal, error == null ? null : error.getResponseBody(),
                        error == null ? "the operation failed" : error.getMessage());
            }
            return poller.getFinalResult();
        });
    }

    <T> T await(ResourceKind kind, String name, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        return await(kind, name, false, begin);
    }

    /** Starts a long-running operation (its first request) without waiting for it to finish. */
    <T> void start(ResourceKind kind, String name, Supplier<SyncPoller<PollResult<T>, T>> begin) {
        errors.call(kind, name, begin::get);
    }
}
