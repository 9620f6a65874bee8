package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.openstack.OpenStackCatalogTest.DemoServer;
import io.multicloud.driver.openstack.OpenStackCatalogTest.Direct;
import io.multicloud.testkit.UniqueNames;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack4j.model.image.v2.Image;

/**
 * The user's images as Nova snapshots on the real local OpenStack. Its fake virt driver makes the
 * Glance image but never uploads data, so a snapshot stays queued: CREATING.
 */
@RequiresOpenStack
class OpenStackMyImagesTest {
    private static final UniqueNames NAMES = new UniqueNames();
    private static MultiCloud multiCloud;
    private static Cloud cloud;
    private static DemoServer server;
    private static String vmName;

    @BeforeAll
    static void setUp() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(LocalOpenStack.demo());
        vmName = NAMES.next("vm");
        server = Direct.demo().server(vmName);
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
        if (multiCloud != null) {
            multiCloud.close();
        }
    }

    @Test
    void aSnapshotOfAVmIsAMyImageWithItsSourceAndTags() {
        String name = NAMES.next("img");
        MyImage made = cloud.myImages().create(MyImageRequest.of(name, vmName).tag("env", "dev"));
        try {
            assertThat(made.name()).isEqualTo(name);
            assertThat(made.sourceVm()).isEqualTo(vmName);
            assertThat(made.status()).isEqualTo(MyImageStatus.CREATING);
            assertThat(made.tags()).isEqualTo(Map.of("env", "dev", "multicloud:managed", "true"));
            assertThat(made.createdAt()).isNotNull();
            assertThat(cloud.myImages().list()).extracting(MyImage::name).contains(name);
            MyImage found = cloud.myImages().get(name);
            assertThat(found.id()).isEqualTo(made.id());
            assertThat(found.tags()).isEqualTo(Map.of("env", "dev", "multicloud:managed", "true"));

            Image glance = Direct.demo().client().imagesV2().get(made.id());
            assertThat(glance.getAdditionalPropertyValue("env")).isEqualTo("dev");
            assertThat(glance.getAdditionalPropertyValue("multicloud:managed")).isEqualTo("true");
            // Nova's own properties (base_image_ref, ...) are not the user's tags.
            assertThat(glance.getAdditionalPropertyValue("base_image_ref")).isNotNull();

            assertThatThrownBy(() -> cloud.myImages().create(MyImageRequest.of(name, vmName)))
                    .isInstanceOf(AlreadyExistsException.class);
        } finally {
            cloud.myImages().delete(name);
        }
        assertThat(cloud.myImages().find(name)).isEmpty();
        assertThatThrownBy(() -> cloud.myImages().delete(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSnapshotOfAnUnknownVmIsNotFoundAndMakesNoImage() {
        String name = NAMES.next("img");
        assertThatThrownBy(() -> cloud.myImages().create(MyImageRequest.of(name, NAMES.next("no-vm"))))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).context().kind()).isEqualTo(ResourceKind.VM));
        assertThat(cloud.myImages().find(name)).isEmpty();
    }

    @Test
    void aTagKeyNovaCannotHoldIsRefusedBeforeAnyImageIsMade() {
        String name = NAMES.next("img");
        assertThatThrownBy(() -> cloud.myImages().create(MyImageRequest.of(name, vmName).tag("team/owner", "x")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("team/owner");
        assertThat(cloud.myImages().find(name)).isEmpty();
    }

    @Test
    void glanceStatusesMapOntoMyImageStatuses() {
        assertThat(OpenStackMyImages.status(Image.ImageStatus.QUEUED)).isEqualTo(MyImageStatus.CREATING);
        assertThat(OpenStackMyImages.status(Image.ImageStatus.SAVING)).isEqualTo(MyImageStatus.CREATING);
        assertThat(OpenStackMyImages.status(Image.ImageStatus.value("uploading"))).isEqualTo(MyImageStatus.CREATING);
        assertThat(OpenStackMyImages.status(Image.ImageStatus.ACTIVE)).isEqualTo(MyImageStatus.AVAILABLE);
        assertThat(OpenStackMyImages.status(Image.ImageStatus.KILLED)).isEqualTo(MyImageStatus.FAILED);
        assertThat(OpenStackMyImages.status(Image.ImageStatus.DEACTIVATED)).isEqualTo(MyImageStatus.FAILED);
    }
}
