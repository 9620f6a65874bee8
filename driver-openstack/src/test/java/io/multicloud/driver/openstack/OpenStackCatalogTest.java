package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Accelerator;
import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.Zone;
import io.multicloud.core.MultiCloud;
import io.multicloud.testkit.UniqueNames;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.common.Payloads;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.model.image.v2.ContainerFormat;
import org.openstack4j.model.image.v2.DiskFormat;
import org.openstack4j.model.image.v2.builder.ImageBuilder;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Network;
import org.openstack4j.openstack.OSFactory;

/** Regions, images and specs of the real local OpenStack, as its demo user sees them. */
@RequiresOpenStack
class OpenStackCatalogTest {
    private static final UniqueNames NAMES = new UniqueNames();
    private static MultiCloud multiCloud;
    private static Cloud cloud;

    @BeforeAll
    static void connect() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(LocalOpenStack.demo());
    }

    @AfterAll
    static void close() {
        if (multiCloud != null) {
            multiCloud.close();
        }
    }

    @Test
    void theRegionListsItsNovaZones() {
        Region region = cloud.regions().get(LocalOpenStack.region());
        assertThat(region.displayName()).isEqualTo(LocalOpenStack.region());
        assertThat(region.location()).isNull();
        assertThat(region.zones()).containsExactly(new Zone("nova", LocalOpenStack.region(), true));
    }

    @Test
    void aLocationPropertyPlacesTheConnectionsRegion() {
        try (Cloud placed = multiCloud.connect(LocalOpenStack.demo().property("location", "50.1, 8.7, Frankfurt"))) {
            Region region = placed.regions().get(LocalOpenStack.region());
            assertThat(region.location()).isEqualTo(new io.multicloud.api.GeoLocation(50.1, 8.7, "Frankfurt"));
        }
    }

    @Test
    void anImageWithoutPropertiesIsDescribedFromItsName() {
        Image cirros = cloud.images().get("cirros-fake");
        assertThat(cirros.os()).isEqualTo("cirros");
        assertThat(cirros.loginUser()).isEqualTo("cirros");
        assertThat(cirros.platform()).isEqualTo(Platform.LINUX);
        assertThat(cirros.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(cloud.images().list()).extracting(Image::name).contains("cirros-fake");
        assertThat(cloud.images().get(cirros.id()).id()).isEqualTo(cirros.id());
    }

    @Test
    void anAliasFindsTheImageWhosePropertiesSaySoAndKeepsTheAliasAsName() {
        Direct demo = Direct.demo();
        String id = demo.activeImage(NAMES.next("golden"), b -> b.osDistro("ubuntu").osVersion("22.04")
                .architecture("aarch64").additionalProperty("os_admin_user", "admin1"));
        try {
            Image image = cloud.images().get("ubuntu-22.04-arm64");
            assertThat(image.name()).isEqualTo("ubuntu-22.04-arm64");
            assertThat(image.id()).isEqualTo(id);
            assertThat(image.os()).isEqualTo("ubuntu");
            assertThat(image.osVersion()).isEqualTo("22.04");
            assertThat(image.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(image.loginUser()).isEqualTo("admin1");
        } finally {
            demo.client().imagesV2().delete(id);
        }
    }

    @Test
    void anAliasFindsAnImageByCommonCloudNaming() {
        Direct demo = Direct.demo();
        String name = "ubuntu-24.04-server-cloudimg-amd64-" + NAMES.token();
        String id = demo.activeImage(name, b -> b);
        try {
            Image image = cloud.images().get("ubuntu-24.04");
            assertThat(image.id()).isEqualTo(id);
            assertThat(image.loginUser()).isEqualTo("ubuntu");
        } finally {
            demo.client().imagesV2().delete(id);
        }
    }

    @Test
    void anUnknownImageIsNotFoundAndTheMessageListsWhatIsAvailable() {
        assertThat(cloud.images().find("debian-13")).isEmpty();
        OpenStackConnection connection = new OpenStackConnection(LocalOpenStack.demo(), LocalOpenStack.environment());
        assertThatThrownBy(() -> ((OpenStackImages) connection.images()).resolve("debian-13"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("cirros-fake");
    }

    @Test
    void flavorsAreSpecsWithMemoryInGiB() {
        long start = System.nanoTime();
        List<Spec> specs = cloud.specs().list();
        System.out.printf("specs().list(): %d flavors in %d ms%n", specs.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(specs).contains(new Spec("m1.tiny", LocalOpenStack.region(), 1, 0.5, 1, Architecture.X86_64, List.of()),
                new Spec("m1.small", LocalOpenStack.region(), 1, 2.0, 20, Architecture.X86_64, List.of()));
        assertThatThrownBy(() -> cloud.specs().get("m1.huge")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aGpuFlavorCarriesItsPciAliasAsAccelerators() {
        Direct admin = Direct.admin();
        String name = NAMES.next("gpu");
        // Public, for this instance only: the local OpenStack's policy refuses flavor access grants even to admin.
        Flavor flavor = admin.client().compute().flavors().create(Builders.flavor().name(name).ram(8192).vcpus(4).disk(40)
                .isPublic(true).build());
        try {
            admin.client().compute().flavors().createAndUpdateExtraSpecs(flavor.getId(),
                    Map.of("pci_passthrough:alias", "nvidia-l4:1", "capabilities:cpu_arch", "aarch64"));
            Spec spec = cloud.specs().get(name);
            assertThat(spec.vcpus()).isEqualTo(4);
            assertThat(spec.memoryGiB()).isEqualTo(8.0);
            assertThat(spec.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(spec.accelerators()).containsExactly(new Accelerator(AcceleratorType.GPU, "nvidia-l4", 1, 24));
        } finally {
            admin.client().compute().flavors().delete(flavor.getId());
        }
    }

    /**
     * openstack4j used directly, to arrange what a test needs behind the driver's back. Its
     * session lives in a thread-local that the driver's calls replace, so every use re-binds.
     */
    static final class Direct {
        private final Token token;

        private Direct(Token token) {
            this.token = token;
        }

        /** The demo user in the demo project. */
        static Direct demo() {
            return login(LocalOpenStack.DEMO_USER, LocalOpenStack.DEMO_PASSWORD, LocalOpenStack.DEMO_PROJECT);
        }

        /** Whoever the OS_* variables name (admin with adminrc). */
        static Direct admin() {
            return login(System.getenv("OS_USERNAME"), System.getenv("OS_PASSWORD"), System.getenv("OS_PROJECT_NAME"));
        }

        private static Direct login(String user, String password, String project) {
            Identifier domain = Identifier.byName("Default");
            return new Direct(OSFactory.builderV3().endpoint(System.getenv("OS_AUTH_URL"))
                    .credentials(user, password, domain).scopeToProject(Identifier.byName(project), domain)
                    .authenticate().getToken());
        }

        /** A client bound to the calling thread. */
        OSClientV3 client() {
            return OSFactory.clientFromToken(token).useRegion(LocalOpenStack.region());
        }

        String projectId() {
            return token.getProject().getId();
        }

        /** A private, active Glance image of a few bytes, with what {@code properties} adds; its id. */
        String activeImage(String name, UnaryOperator<ImageBuilder> properties) {
            ImageBuilder builder = Builders.imageV2().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE);
            org.openstack4j.model.image.v2.Image image = client().imagesV2().create(properties.apply(builder).build());
            client().imagesV2().upload(image.getId(), Payloads.create(new ByteArrayInputStream(new byte[512])), image);
            await(() -> client().imagesV2().get(image.getId()),
                    i -> i.getStatus() == org.openstack4j.model.image.v2.Image.ImageStatus.ACTIVE, Duration.ofSeconds(30));
            return image.getId();
        }

        /** A network with one subnet, and a cirros server on it, ACTIVE. */
        DemoServer server(String name) {
            Network network = client().networking().network().create(Builders.network().name(name).adminStateUp(true).build());
            try {
                client().networking().subnet().create(Builders.subnet().name(name).networkId(network.getId())
                        .ipVersion(IPVersionType.V4).cidr("10.77.0.0/24").build());
                String image = client().imagesV2().list(Map.of("name", "cirros-fake")).get(0).getId();
                Server server = client().compute().servers().boot(Builders.server().name(name).flavor("1").image(image)
                        .networks(List.of(network.getId())).build());
                DemoServer made = new DemoServer(this, server.getId(), network.getId());
                await(() -> client().compute().servers().get(server.getId()),
                        s -> s.getStatus() == Server.Status.ACTIVE, Duration.ofSeconds(60));
                return made;
            } catch (RuntimeException e) {
                client().networking().network().delete(network.getId());
                throw e;
            }
        }

        /** Polls until the value satisfies the condition. */
        static <T> T await(Supplier<T> value, Predicate<T> condition, Duration timeout) {
            Instant end = Instant.now().plus(timeout);
            while (true) {
                T current = value.get();
                if (current != null && condition.test(current)) {
                    return current;
                }
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError("condition not reached within " + timeout + ", last: " + current);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A server and its network, deleted on close (the server first, so its port no longer holds the network). */
    record DemoServer(Direct direct, String serverId, String networkId) implements AutoCloseable {
        @Override
        public void close() {
            direct.client().compute().servers().delete(serverId);
            Direct.await(() -> direct.client().compute().servers().get(serverId) == null, gone -> gone, Duration.ofSeconds(60));
            Direct.await(() -> direct.client().networking().network().delete(networkId).isSuccess(), ok -> ok, Duration.ofSeconds(30));
        }
    }
}
