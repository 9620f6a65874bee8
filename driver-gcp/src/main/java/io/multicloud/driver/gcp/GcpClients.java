package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.OperationCallSettings;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.compute.v1.AcceleratorTypesClient;
import com.google.cloud.compute.v1.AcceleratorTypesSettings;
import com.google.cloud.compute.v1.DisksClient;
import com.google.cloud.compute.v1.DisksSettings;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.ForwardingRulesClient;
import com.google.cloud.compute.v1.ForwardingRulesSettings;
import com.google.cloud.compute.v1.TargetPoolsClient;
import com.google.cloud.compute.v1.TargetPoolsSettings;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.GlobalOperationsClient;
import com.google.cloud.compute.v1.GlobalOperationsSettings;
import com.google.cloud.compute.v1.ImagesClient;
import com.google.cloud.compute.v1.ImagesSettings;
import com.google.cloud.compute.v1.InstanceGroupsClient;
import com.google.cloud.compute.v1.InstanceGroupsSettings;
import com.google.cloud.compute.v1.InstanceGroupManagersClient;
import com.google.cloud.compute.v1.InstanceGroupManagersSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.ProjectsClient;
import com.google.cloud.compute.v1.ProjectsSettings;
import com.google.cloud.compute.v1.RegionBackendServicesClient;
import com.google.cloud.compute.v1.RegionBackendServicesSettings;
import com.google.cloud.compute.v1.RegionHealthChecksClient;
import com.google.cloud.compute.v1.RegionHealthChecksSettings;
import com.google.cloud.compute.v1.RegionOperationsClient;
import com.google.cloud.compute.v1.RegionOperationsSettings;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.RegionsSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import com.google.cloud.compute.v1.ZonesClient;
import com.google.cloud.compute.v1.ZonesSettings;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.cloud.tpu.v2.TpuClient;
import com.google.cloud.tpu.v2.TpuSettings;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The client-library clients of one connection, each built on first use and closed with the
 * connection, all on the REST transport. Credentials: a service-account key (content or path),
 * else Application Default Credentials, else none when the {@code credentials} property says so
 * (a local fake). Long-running operations are polled from {@code poll_ms} on (growing by half
 * each time, up to 40 times that, and at most 10 s), for {@code operation_timeout_s} at most.
 * The key's content is read once and never logged nor shown.
 */
final class GcpClients implements AutoCloseable {
    private final ConnectionConfig config;
    private final Supplier<CredentialsProvider> credentials;
    private final Supplier<String> project;
    private final List<AutoCloseable> built = new ArrayList<>();
    private final Duration poll;
    private final Duration operationTimeout;

    final Supplier<InstancesClient> instances;
    final Supplier<ZoneOperationsClient> zoneOperations;
    final Supplier<RegionOperationsClient> regionOperations;
    final Supplier<GlobalOperationsClient> globalOperations;
    final Supplier<NetworksClient> networks;
    final Supplier<SubnetworksClient> subnetworks;
    final Supplier<FirewallsClient> firewalls;
    final Supplier<DisksClient> disks;
    final Supplier<ImagesClient> images;
    final Supplier<MachineTypesClient> machineTypes;
    final Supplier<AcceleratorTypesClient> acceleratorTypes;
    final Supplier<RegionsClient> regions;
    final Supplier<ZonesClient> zones;
    final Supplier<ProjectsClient> projects;
    final Supplier<TargetPoolsClient> targetPools;
    final Supplier<InstanceGroupManagersClient> instanceGroupManagers;
    final Supplier<ForwardingRulesClient> forwardingRules;
    final Supplier<RegionHealthChecksClient> regionHealthChecks;
    final Supplier<InstanceGroupsClient> instanceGroups;
    final Supplier<RegionBackendServicesClient> regionBackendServices;
    final Supplier<TpuClient> tpu;
    final Supplier<CloudCatalogClient> billing;
    final Supplier<ClusterManagerClient> container;

    GcpClients(ConnectionConfig config) {
        this.config = config;
        this.poll = Duration.ofMillis(number(GcpDriver.POLL_MS, 500, 1, 60_000));
        this.operationTimeout = Duration.ofSeconds(number(GcpDriver.OPERATION_TIMEOUT_S, 600, 1, 86_400));
        Supplier<Optional<JsonNode>> key = memo(() -> GcpCredentials.serviceAccountKey(config));
        this.credentials = memo(() -> GcpCredentials.provider(config, key.get()));
        this.project = memo(() -> config.property(GcpDriver.PROJECT)
                .or(() -> key.get().map(k -> k.path("project_id").asText(null)))
                .or(() -> Optional.ofNullable(System.getenv("GOOGLE_CLOUD_PROJECT")))
                .or(() -> Optional.ofNullable(System.getenv("CLOUDSDK_CORE_PROJECT")))
                .orElseThrow(() -> new InvalidRequestException(GcpDriver.PROJECT,
                        "no project: give the property 'project', a service-account key, or GOOGLE_CLOUD_PROJECT")));
        String compute = GcpDriver.ENDPOINT;
        this.instances = lazy(() -> InstancesClient.create(configure(InstancesSettings.newBuilder(), compute).build()));
        this.zoneOperations = lazy(() -> ZoneOperationsClient.create(configure(ZoneOperationsSettings.newBuilder(), compute).build()));
        this.regionOperations = lazy(() -> RegionOperationsClient.create(configure(RegionOperationsSettings.newBuilder(), compute).build()));
        this.globalOperations = lazy(() -> GlobalOperationsClient.create(configure(GlobalOperationsSettings.newBuilder(), compute).build()));
        this.networks = lazy(() -> NetworksClient.create(configure(NetworksSettings.newBuilder(), compute).build()));
        this.subnetworks = lazy(() -> SubnetworksClient.create(configure(SubnetworksSettings.newBuilder(), compute).build()));
        this.firewalls = lazy(() -> FirewallsClient.create(configure(FirewallsSettings.newBuilder(), compute).build()));
        this.disks = lazy(() -> DisksClient.create(configure(DisksSettings.newBuilder(), compute).build()));
        this.images = lazy(() -> ImagesClient.create(configure(ImagesSettings.newBuilder(), compute).build()));
        this.machineTypes = lazy(() -> MachineTypesClient.create(configure(MachineTypesSettings.newBuilder(), compute).build()));
        this.acceleratorTypes = lazy(() -> AcceleratorTypesClient.create(configure(AcceleratorTypesSettings.newBuilder(), compute).build()));
        this.regions = lazy(() -> RegionsClient.create(configure(RegionsSettings.newBuilder(), compute).build()));
        this.zones = lazy(() -> ZonesClient.create(configure(ZonesSettings.newBuilder(), compute).build()));
        this.projects = lazy(() -> ProjectsClient.create(configure(ProjectsSettings.newBuilder(), compute).build()));
        this.instanceGroupManagers = lazy(() -> InstanceGroupManagersClient.create(configure(InstanceGroupManagersSettings.newBuilder(), compute).build()));
        this.targetPools = lazy(() -> TargetPoolsClient.create(configure(TargetPoolsSettings.newBuilder(), compute).build()));
        this.forwardingRules = lazy(() -> ForwardingRulesClient.create(configure(ForwardingRulesSettings.newBuilder(), compute).build()));
        this.regionHealthChecks = lazy(() -> RegionHealthChecksClient.create(configure(RegionHealthChecksSettings.newBuilder(), compute).build()));
        this.instanceGroups = lazy(() -> InstanceGroupsClient.create(configure(InstanceGroupsSettings.newBuilder(), compute).build()));
        this.regionBackendServices = lazy(() -> RegionBackendServicesClient.create(configure(RegionBackendServicesSettings.newBuilder(), compute).build()));
        this.tpu = lazy(() -> TpuClient.create(configure(TpuSettings.newHttpJsonBuilder(), GcpDriver.TPU_ENDPOINT).build()));
        this.billing = lazy(() -> CloudCatalogClient.create(configure(CloudCatalogSettings.newHttpJsonBuilder(), GcpDriver.BILLING_ENDPOINT).build()));
        this.container = lazy(() -> ClusterManagerClient.create(configure(ClusterManagerSettings.newHttpJsonBuilder(), GcpDriver.CONTAINER_ENDPOINT).build()));
    }

    /** The project id. */
    String project() {
        return project.get();
    }

    /** The first pause between polls of an operation. */
    Duration pollInterval() {
        return poll;
    }

    Duration operationTimeout() {
        return operationTimeout;
    }

    private int number(String property, int fallback, int min, int max) {
        String value = config.property(property).orElse(Integer.toString(fallback));
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(property, "'" + value + "' is not a number " + min + ".." + max);
    }

    private <B extends ClientSettings.Builder<?, B>> B configure(B builder, String endpointProperty) {
        builder.setCredentialsProvider(credentials.get());
        config.property(endpointProperty).or(() -> config.property(GcpDriver.ENDPOINT)).ifPresent(builder::setEndpoint);
        polling(builder);
        return builder;
    }

    /**
     * Sets the polling of every long-running method of a settings builder: the client libraries
     * give no one switch for all of them, so each {@code *OperationSettings()} builder is found by
     * its name and type.
     */
    private void polling(Object builder) {
        Duration max = Duration.ofMillis(Math.min(poll.toMillis() * 40, 10_000));
        RetrySettings settings = RetrySettings.newBuilder().setInitialRetryDelayDuration(poll).setRetryDelayMultiplier(1.5)
                .setMaxRetryDelayDuration(max.compareTo(poll) < 0 ? poll : max).setInitialRpcTimeoutDuration(Duration.ZERO)
                .setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(Duration.ZERO).setTotalTimeoutDuration(operationTimeout).build();
        for (Method m : builder.getClass().getMethods()) {
            if (m.getName().endsWith("OperationSettings") && m.getParameterCount() == 0
                    && OperationCallSettings.Builder.class.isAssignableFrom(m.getReturnType())) {
                try {
                    ((OperationCallSettings.Builder<?, ?, ?>) m.invoke(builder)).setPollingAlgorithm(OperationTimedPollAlgorithm.create(settings));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot set the polling of " + m.getName(), e);
                }
            }
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }

    private <T extends AutoCloseable> Supplier<T> lazy(Callable<T> factory) {
        return memo(() -> {
            try {
                T client = factory.call();
                synchronized (built) {
                    built.add(client);
                }
                return client;
            } catch (IOException e) {
                throw new IllegalStateException("cannot build a Google client: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        synchronized (built) {
            for (AutoCloseable c : built) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
            built.clear();
        }
    }
}
