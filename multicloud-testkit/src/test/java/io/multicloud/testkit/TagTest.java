package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TaggedResource;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Tags on every taggable kind, and finding resources by tag. */
@MockCloudTest
class TagTest {
    private static final String MANAGED = io.multicloud.api.Tagged.MANAGED;


    @Test
    void tagsAreAddedListedAndRemovedOnAVm(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1").tag("app", "web"));
        cloud.tags().add(ResourceKind.VM, "vm-1", Map.of("owner", "ana", "app", "api"));
        assertThat(cloud.tags().list(ResourceKind.VM, "vm-1")).isEqualTo(Map.of("app", "api", "owner", "ana", MANAGED, "true"));
        cloud.tags().remove(ResourceKind.VM, "vm-1", "owner", "no-such-key");
        assertThat(cloud.tags().list(ResourceKind.VM, "vm-1")).isEqualTo(Map.of("app", "api", MANAGED, "true"));
        assertThat(cloud.vms().get("vm-1").tags()).as("the library marks what it makes").isEqualTo(Map.of("app", "api", MANAGED, "true"));
    }

    @Test
    void resourcesOfEveryKindAreFoundByTag(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.vms().create(Fixtures.vm("vm-1"));
        cloud.keyPairs().create("key-1");
        cloud.tags().add(ResourceKind.VPC, "vpc-1", Map.of("project", "atlas"));
        cloud.tags().add(ResourceKind.SUBNET, "sn-1", Map.of("project", "atlas"));
        cloud.tags().add(ResourceKind.VM, "vm-1", Map.of("project", "atlas"));
        cloud.tags().add(ResourceKind.KEY_PAIR, "key-1", Map.of("project", "zeus"));

        assertThat(cloud.tags().find("project", "atlas")).extracting(TaggedResource::kind, TaggedResource::name)
                .containsExactlyInAnyOrder(
                        Tuple.tuple(ResourceKind.VPC, "vpc-1"),
                        Tuple.tuple(ResourceKind.SUBNET, "sn-1"),
                        Tuple.tuple(ResourceKind.VM, "vm-1"));
        assertThat(cloud.tags().find("project", null)).hasSize(4);
        assertThat(cloud.tags().find("project", "zeus")).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(cloud.keyPairs().get("key-1").id()));
        assertThat(cloud.tags().find("nobody-uses-this", null)).isEmpty();
    }

    @Test
    void aMissingResourceOrAnUntaggableKindIsRefused(Cloud cloud) {
        assertThatThrownBy(() -> cloud.tags().list(ResourceKind.VM, "vm-none")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.tags().add(ResourceKind.REGION, "mars", Map.of("a", "b")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("kind"));
    }
}
