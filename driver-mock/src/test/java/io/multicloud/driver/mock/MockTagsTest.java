package io.multicloud.driver.mock;

import io.multicloud.api.DiskRequest;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.VmStatus;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.ClusterRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockTagsTest extends MockTestBase {

    @Test
    void everyTaggableKindTakesListsAndDropsTags() {
        network(conn);
        conn.keyPairs().create(KeyPairRequest.named("key-1"));
        conn.vms().create(vm("vm-1"));
        conn.disks().create(DiskRequest.named("data-1").sizeGB(10));
        conn.nlbs().create(NlbRequest.named("web").vpc("vpc-1").listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 80, "vm-1"));
        conn.clusters().create(ClusterRequest.named("k1").vpc("vpc-1").subnets("sn-1"));
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        conn.myImages().create(MyImageRequest.of("golden", "vm-1"));
        Map<ResourceKind, String> resources = Map.of(ResourceKind.VPC, "vpc-1", ResourceKind.SUBNET, "sn-1",
                ResourceKind.SECURITY_GROUP, "sg-1", ResourceKind.KEY_PAIR, "key-1", ResourceKind.VM, "vm-1",
                ResourceKind.DISK, "data-1", ResourceKind.MY_IMAGE, "golden", ResourceKind.NLB, "web",
                ResourceKind.CLUSTER, "k1");
        resources.forEach((kind, name) -> {
            conn.tags().add(kind, name, Map.of("env", "test", "owner", kind.name()));
            assertThat(conn.tags().list(kind, name)).as(kind.label()).containsEntry("env", "test");
            conn.tags().remove(kind, name, Set.of("owner", "absent"));
            assertThat(conn.tags().list(kind, name)).as(kind.label()).containsExactly(Map.entry("env", "test"));
        });
        assertThat(conn.tags().find("env", "test")).extracting(TaggedResource::kind)
                .containsExactlyInAnyOrderElementsOf(resources.keySet());
        assertThat(conn.vms().find("vm-1").orElseThrow().tags()).containsEntry("env", "test");
        assertThat(conn.vpcs().find("vpc-1").orElseThrow().subnet("sn-1").orElseThrow().tags()).containsEntry("env", "test");
    }

    @Test
    void findMatchesTheKeyAndTheValueUnlessTheValueIsNull() {
        network(conn);
        conn.tags().add(ResourceKind.VPC, "vpc-1", Map.of("multicloud:mci", "llm"));
        conn.tags().add(ResourceKind.SECURITY_GROUP, "sg-1", Map.of("multicloud:mci", "other"));
        assertThat(conn.tags().find("multicloud:mci", "llm")).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(ResourceKind.VPC);
            assertThat(t.name()).isEqualTo("vpc-1");
            assertThat(t.id()).startsWith("vpc-");
        });
        assertThat(conn.tags().find("multicloud:mci", null)).hasSize(2);
        assertThat(conn.tags().find("nothing", null)).isEmpty();
    }

    @Test
    void aKindThatCannotBeTaggedIsInvalidRequest() {
        assertThatThrownBy(() -> conn.tags().add(ResourceKind.SPEC, "m1.small", Map.of("a", "b")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("kind"));
    }

    @Test
    void tagsOfAMissingResourceAreNotFound() {
        assertThatThrownBy(() -> conn.tags().list(ResourceKind.VM, "ghost")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> conn.tags().add(ResourceKind.SUBNET, "ghost", Map.of("a", "b")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.SUBNET));
    }
}
