package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockImagesTest extends MockTestBase {

    @BeforeEach
    void createNetworkAndVm() {
        network(conn);
        conn.vms().create(vm("vm-1"));
    }

    @Test
    void aMyImageIsCreatingThenAvailableAndCanBeDeleted() {
        awaitVm(conn, "vm-1", VmStatus.RUNNING);
        MyImage image = conn.myImages().create(MyImageRequest.of("golden", "vm-1").tag("v", "1"));
        assertThat(image.status()).isEqualTo(MyImageStatus.CREATING);
        assertThat(image.id()).startsWith("myimg-");
        assertThat(image.sourceVm()).isEqualTo("vm-1");
        assertThat(image.createdAt()).isNotNull();
        await("available", () -> conn.myImages().find("golden").orElseThrow().status(), s -> s == MyImageStatus.AVAILABLE);
        assertThatThrownBy(() -> conn.myImages().create(MyImageRequest.of("golden", "vm-1")))
                .isInstanceOf(AlreadyExistsException.class);
        conn.myImages().delete("golden");
        assertThat(conn.myImages().list()).isEmpty();
        assertThatThrownBy(() -> conn.myImages().delete("golden")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anImageOfACreatingVmIsRefused() {
        assertThatThrownBy(() -> conn.myImages().create(MyImageRequest.of("golden", "vm-1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.VM));
    }

    @Test
    void anImageOfAMissingVmIsNotFound() {
        assertThatThrownBy(() -> conn.myImages().create(MyImageRequest.of("golden", "ghost")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.context().kind()).isEqualTo(ResourceKind.VM));
    }
}
