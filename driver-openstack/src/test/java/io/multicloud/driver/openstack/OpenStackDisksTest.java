package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.MultiCloud;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disks on OpenStack: the driver, through openstack4j, against a stateful Cinder v3 (and the part
 * of Nova that attaches volumes) on 127.0.0.1.
 */
class OpenStackDisksTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String VOLUMES = "/volume/v3/" + FakeOpenStack.PROJECT_ID + "/volumes";

    private FakeOpenStack openStack;
    private FakeCinder cinder;
    private MultiCloud multiCloud;
    private Cloud cloud;

    @BeforeEach
    void connect() {
        openStack = FakeOpenStack.start();
        cinder = new FakeCinder().serveOn(openStack);
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(openStack.config());
    }

    @AfterEach
    void close() {
        multiCloud.close();
        openStack.close();
    }

    private Disk createAvailable(DiskRequest request) {
        cloud.disks().create(request);
        return cloud.disks().waitUntil(request.name(), d -> d.status() == DiskStatus.AVAILABLE, WAIT);
    }

    @Test
    void aCreatedDiskIsCreatingThenAvailableAndIsFoundAndListedWithItsAttributes() {
        Disk created = cloud.disks().create(DiskRequest.named("data-1").sizeGB(10).type("ssd"));
        assertThat(created.status()).isEqualTo(DiskStatus.CREATING);
        assertThat(created.id()).isNotBlank();

        Disk ready = cloud.disks().waitUntil("data-1", d -> d.status() == DiskStatus.AVAILABLE, WAIT);

        assertThat(ready).isEqualTo(new Disk("data-1", created.id(), FakeCinder.ZONE, 10, "ssd", DiskStatus.AVAILABLE,
                null, Map.of("multicloud:managed", "true")));
        assertThat(cloud.disks().get("data-1")).isEqualTo(ready);
        createAvailable(DiskRequest.named("data-0").sizeGB(1));
        assertThat(cloud.disks().list()).extracting(Disk::name).containsExactly("data-0", "data-1");
        assertThat(cloud.disks().get("data-0").type()).isEqualTo(FakeCinder.DEFAULT_TYPE);
    }

    @Test
    void tagsRoundTripAsVolumeMetadataWithTheManagedMarker() {
        createAvailable(DiskRequest.named("tagged").sizeGB(1).tag("env", "dev").tag("team", "ml"));

        assertThat(cloud.disks().get("tagged").tags()).isEqualTo(Map.of("env", "dev", "team", "ml", "multicloud:managed", "true"));
        assertThat(cinder.metadataOf("tagged"))
                .isEqualTo(Map.of("env", "dev", "team", "ml", "multicloud:managed", "true"));
    }

    @Test
    void tagsAreAddedFoundAndRemovedThroughTheTagService() {
        createAvailable(DiskRequest.named("tag-me").sizeGB(1).tag("env", "dev"));
        createAvailable(DiskRequest.named("other").sizeGB(1));

        cloud.tags().add(ResourceKind.DISK, "tag-me", Map.of("team", "ml"));
        assertThat(cloud.tags().list(ResourceKind.DISK, "tag-me")).containsOnly(Map.entry("env", "dev"), Map.entry("team", "ml"),
                Map.entry("multicloud:managed", "true"));
        assertThat(cinder.metadataOf("tag-me")).containsEntry("multicloud:managed", "true");
        assertThat(cloud.tags().find("team", "ml")).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(ResourceKind.DISK);
            assertThat(found.name()).isEqualTo("tag-me");
        });

        cloud.tags().remove(ResourceKind.DISK, "tag-me", "env");
        assertThat(cloud.tags().list(ResourceKind.DISK, "tag-me")).containsOnly(Map.entry("team", "ml"),
                Map.entry("multicloud:managed", "true"));
        assertThat(cinder.metadataOf("tag-me")).as("the library's marker survives the user's edits")
                .containsEntry("multicloud:managed", "true");
    }

    @Test
    void aTakenNameIsAlreadyExistsAndNoVolumeIsCreated() {
        createAvailable(DiskRequest.named("dup").sizeGB(1));

        assertThatThrownBy(() -> cloud.disks().create(DiskRequest.named("dup").sizeGB(2)))
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("dup");
        assertThat(openStack.requests()).filteredOn(("POST " + VOLUMES)::equals).hasSize(1);
        assertThat(cinder.volumeCount()).isEqualTo(1);
    }

    @Test
    void anAttachedDiskShowsTheVmNameCannotBeDeletedAndIsAvailableAgainAfterDetach() {
        cinder.addServer("vm-other");
        String vmId = cinder.addServer("vm-1");
        createAvailable(DiskRequest.named("data").sizeGB(5));

        cloud.disks().attach("data", "vm-1");
        Disk attached = cloud.disks().waitUntil("data", d -> d.status() == DiskStatus.ATTACHED, WAIT);
        assertThat(attached.attachedTo()).isEqualTo("vm-1");
        assertThat(openStack.requests()).contains("POST /compute/v2.1/servers/" + vmId + "/os-volume_attachments");

        assertThatThrownBy(() -> cloud.disks().delete("data")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("detach");
        assertThat(openStack.requests()).noneMatch(r -> r.startsWith("DELETE " + VOLUMES));
        assertThat(cloud.disks().get("data").status()).isEqualTo(DiskStatus.ATTACHED);
        assertThatThrownBy(() -> cloud.disks().attach("data", "vm-other")).isInstanceOf(ConflictException.class);

        cloud.disks().detach("data");
        Disk detached = cloud.disks().waitUntil("data", d -> d.status() == DiskStatus.AVAILABLE, WAIT);
        assertThat(detached.attachedTo()).isNull();
        assertThat(openStack.requests()).anyMatch(r -> r.startsWith("DELETE /compute/v2.1/servers/" + vmId
                + "/os-volume_attachments/" + detached.id()));
        assertThatThrownBy(() -> cloud.disks().detach("data")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not attached");
    }

    @Test
    void attachingToAnUnknownVmIsNotFoundForTheVm() {
        createAvailable(DiskRequest.named("data").sizeGB(1));

        assertThatThrownBy(() -> cloud.disks().attach("data", "no-such-vm"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.VM));
        assertThat(openStack.requests()).noneMatch(r -> r.contains("os-volume_attachments"));
    }

    @Test
    void resizeGrowsTheDiskAndShrinkingIsRefusedWithoutACall() {
        createAvailable(DiskRequest.named("grow").sizeGB(10));

        cloud.disks().resize("grow", 20);
        Disk grown = cloud.disks().waitUntil("grow", d -> d.sizeGB() == 20 && d.status() == DiskStatus.AVAILABLE, WAIT);
        assertThat(grown.sizeGB()).isEqualTo(20);

        int before = openStack.requests().size();
        assertThatThrownBy(() -> cloud.disks().resize("grow", 15)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only grow");
        assertThat(openStack.requests().subList(before, openStack.requests().size()))
                .noneMatch(r -> r.endsWith("/action"));
    }

    @Test
    void deleteWaitsUntilCinderNoLongerListsTheVolume() {
        createAvailable(DiskRequest.named("gone").sizeGB(1));

        cloud.disks().delete("gone");

        assertThat(cinder.volumeCount()).isZero();
        assertThat(cloud.disks().find("gone")).isEmpty();
    }

    @Test
    void aVolumeCinderRefusesToDeleteIsConflictAndItsErrorStatusIsFailed() {
        createAvailable(DiskRequest.named("stuck").sizeGB(1));
        cinder.forceStatus("stuck", "error_deleting");

        assertThat(cloud.disks().get("stuck").status()).isEqualTo(DiskStatus.FAILED);
        assertThatThrownBy(() -> cloud.disks().delete("stuck")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("status must be available");
        assertThat(cinder.volumeCount()).isEqualTo(1);
    }

    @Test
    void cindersOverLimitAnswerIsQuotaExceeded() {
        cinder.volumeLimit(1);
        createAvailable(DiskRequest.named("first").sizeGB(1));

        assertThatThrownBy(() -> cloud.disks().create(DiskRequest.named("second").sizeGB(1)))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("VolumeLimitExceeded");
        assertThat(cinder.volumeCount()).isEqualTo(1);
    }

    @Test
    void anUnknownDiskIsNotFound() {
        assertThat(cloud.disks().find("nothing")).isEmpty();
        assertThatThrownBy(() -> cloud.disks().get("nothing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.disks().delete("nothing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.disks().attach("nothing", "vm-1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.disks().resize("nothing", 5)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void cinderStatusesMapOntoDiskStatuses() {
        assertThat(OpenStackDisks.status("creating", false)).isEqualTo(DiskStatus.CREATING);
        assertThat(OpenStackDisks.status("downloading", false)).isEqualTo(DiskStatus.CREATING);
        assertThat(OpenStackDisks.status("available", false)).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(OpenStackDisks.status("reserved", false)).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(OpenStackDisks.status("attaching", false)).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(OpenStackDisks.status("in-use", true)).isEqualTo(DiskStatus.ATTACHED);
        assertThat(OpenStackDisks.status("detaching", true)).isEqualTo(DiskStatus.ATTACHED);
        assertThat(OpenStackDisks.status("extending", true)).isEqualTo(DiskStatus.ATTACHED);
        assertThat(OpenStackDisks.status("extending", false)).isEqualTo(DiskStatus.AVAILABLE);
        assertThat(OpenStackDisks.status("deleting", false)).isEqualTo(DiskStatus.DELETING);
        assertThat(OpenStackDisks.status("error", false)).isEqualTo(DiskStatus.FAILED);
        assertThat(OpenStackDisks.status("error_deleting", false)).isEqualTo(DiskStatus.FAILED);
        assertThat(OpenStackDisks.status("error_extending", true)).isEqualTo(DiskStatus.FAILED);
    }
}
