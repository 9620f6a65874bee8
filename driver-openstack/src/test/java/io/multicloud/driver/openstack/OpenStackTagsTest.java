package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.UnsupportedCapabilityException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.core.MultiCloud;
import io.multicloud.spi.SshKeys;
import io.multicloud.driver.openstack.OpenStackCatalogTest.DemoServer;
import io.multicloud.driver.openstack.OpenStackCatalogTest.Direct;
import io.multicloud.testkit.UniqueNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;

/**
 * Tags on a server (metadata), a network, its subnet and a security group (Neutron tags) and a
 * snapshot (Glance properties) of the real local OpenStack, and the search across them. Each
 * test uses its own tag key, so the tests and other suites sharing the cloud do not meet.
 */
@RequiresOpenStack
class OpenStackTagsTest {
    private static final UniqueNames NAMES = new UniqueNames();
    private static MultiCloud multiCloud;
    private static Cloud cloud;
    private static DemoServer server;
    /** The server, its network and the network's subnet all bear this name. */
    private static String name;
    private static String groupName;
    private static String groupId;
    private static String imageName;

    @BeforeAll
    static void setUp() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(LocalOpenStack.demo());
        name = NAMES.next("tagged");
        server = Direct.demo().server(name);
        groupName = NAMES.next("sg");
        groupId = Direct.demo().client().networking().securitygroup()
                .create(Builders.securityGroup().name(groupName).build()).getId();
        imageName = NAMES.next("img");
        cloud.myImages().create(MyImageRequest.of(imageName, name).tag("env", "dev"));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (imageName != null) {
                cloud.myImages().delete(imageName);
            }
            if (groupId != null) {
                Direct.demo().client().networking().securitygroup().delete(groupId);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (multiCloud != null) {
                multiCloud.close();
            }
        }
    }

    @Test
    void everyTaggableKindKeepsAddsAndRemovesTags() {
        String key = NAMES.next("k");
        List.of(ResourceKind.VM, ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.SECURITY_GROUP, ResourceKind.MY_IMAGE)
                .forEach(kind -> {
                    String target = target(kind);
                    cloud.tags().add(kind, target, Map.of(key, "a", "tier", "web"));
                    assertThat(cloud.tags().list(kind, target)).as(kind.label()).containsEntry(key, "a").containsEntry("tier", "web");
                    cloud.tags().add(kind, target, Map.of(key, "b"));
                    assertThat(cloud.tags().list(kind, target)).as(kind.label()).containsEntry(key, "b").containsEntry("tier", "web");
                    cloud.tags().remove(kind, target, "tier", "never-there");
                    assertThat(cloud.tags().list(kind, target)).as(kind.label()).containsEntry(key, "b").doesNotContainKey("tier");
                    cloud.tags().remove(kind, target, key);
                    assertThat(cloud.tags().list(kind, target)).as(kind.label()).doesNotContainKey(key);
                });
        // The tags a snapshot was made with stay beside the ones added later.
        assertThat(cloud.tags().list(ResourceKind.MY_IMAGE, imageName)).isEqualTo(Map.of("env", "dev", "multicloud:managed", "true"));
    }

    @Test
    void findSearchesEveryKindByKeyAndByKeyAndValue() {
        String key = NAMES.next("find");
        cloud.tags().add(ResourceKind.VM, name, Map.of(key, "x"));
        cloud.tags().add(ResourceKind.VPC, name, Map.of(key, "y"));
        cloud.tags().add(ResourceKind.SUBNET, name, Map.of(key, "x"));
        cloud.tags().add(ResourceKind.SECURITY_GROUP, groupName, Map.of(key, "y"));
        cloud.tags().add(ResourceKind.MY_IMAGE, imageName, Map.of(key, "x"));
        try {
            assertThat(cloud.tags().find(key, null)).extracting(TaggedResource::kind, TaggedResource::name).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(ResourceKind.VM, name), org.assertj.core.groups.Tuple.tuple(ResourceKind.VPC, name),
                    org.assertj.core.groups.Tuple.tuple(ResourceKind.SUBNET, name),
                    org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP, groupName),
                    org.assertj.core.groups.Tuple.tuple(ResourceKind.MY_IMAGE, imageName));
            List<TaggedResource> xs = cloud.tags().find(key, "x");
            assertThat(xs).extracting(TaggedResource::kind)
                    .containsExactlyInAnyOrder(ResourceKind.VM, ResourceKind.SUBNET, ResourceKind.MY_IMAGE);
            assertThat(xs).allSatisfy(t -> assertThat(t.tags()).containsEntry(key, "x"));
            assertThat(cloud.tags().find(key, "y")).extracting(TaggedResource::kind)
                    .containsExactlyInAnyOrder(ResourceKind.VPC, ResourceKind.SECURITY_GROUP);
            assertThat(cloud.tags().find(key, "z")).isEmpty();
        } finally {
            cloud.tags().remove(ResourceKind.VM, name, key);
            cloud.tags().remove(ResourceKind.VPC, name, key);
            cloud.tags().remove(ResourceKind.SUBNET, name, key);
            cloud.tags().remove(ResourceKind.SECURITY_GROUP, groupName, key);
            cloud.tags().remove(ResourceKind.MY_IMAGE, imageName, key);
        }
    }

    @Test
    void theManagedMarkerIsShownAndCanBeTakenOff() {
        Direct.demo().client().compute().servers().updateMetadata(server.serverId(), Map.of("multicloud:managed", "true"));
        assertThat(cloud.tags().list(ResourceKind.VM, name)).containsEntry("multicloud:managed", "true");
        cloud.tags().remove(ResourceKind.VM, name, "multicloud:managed");
        assertThat(Direct.demo().client().compute().servers().getMetadata(server.serverId()))
                .doesNotContainKey("multicloud:managed");
        cloud.tags().add(ResourceKind.VM, name, Map.of("multicloud:managed", "true"));
    }

    @Test
    void aKeyPairCarriesTheLibrarysMarkInItsPublicKeyComment() {
        SshKeys.Generated users = SshKeys.generate("alice@laptop");
        String mine = NAMES.next("key");
        String theirs = NAMES.next("key");
        try {
            KeyPair imported = cloud.keyPairs().create(KeyPairRequest.named(mine).publicKey(users.publicKey()));
            assertThat(imported.managed()).isTrue();
            assertThat(imported.publicKey()).endsWith(" multicloud:managed=true");
            assertThat(cloud.keyPairs().get(mine).fingerprint()).as("the comment is not part of the key")
                    .isEqualTo(Direct.demo().client().compute().keypairs().create(theirs, users.publicKey()).getFingerprint());
            assertThat(cloud.keyPairs().get(theirs).managed()).isFalse();
            assertThatThrownBy(() -> cloud.keyPairs().delete(theirs)).isInstanceOf(ConflictException.class);
            cloud.keyPairs().delete(mine);
            assertThat(cloud.keyPairs().find(mine)).isEmpty();
        } finally {
            Direct.demo().client().compute().keypairs().delete(theirs);
            cloud.keyPairs().find(mine).ifPresent(k -> cloud.keyPairs().forceDelete(mine));
        }
    }

    @Test
    void kindsWithoutTagsHereAreInvalidRequestsAndUnknownNamesNotFound() {
        assertThatThrownBy(() -> cloud.tags().add(ResourceKind.KEY_PAIR, "key-1", Map.of("a", "b")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("key pairs");
        // The local OpenStack has no Cinder: disks are a capability it lacks, not an unknown name.
        assertThatThrownBy(() -> cloud.tags().list(ResourceKind.DISK, "disk-1"))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("DISKS");
        assertThatThrownBy(() -> cloud.tags().list(ResourceKind.VPC, NAMES.next("no-vpc"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.tags().list(ResourceKind.VM, NAMES.next("no-vm"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.tags().list(ResourceKind.MY_IMAGE, NAMES.next("no-img"))).isInstanceOf(NotFoundException.class);
    }

    private static String target(ResourceKind kind) {
        return switch (kind) {
            case SECURITY_GROUP -> groupName;
            case MY_IMAGE -> imageName;
            default -> name;
        };
    }
}
