package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.testkit.MockCloudTest;
import org.junit.jupiter.api.Test;

/** Each test gets a fresh, isolated mock cloud: no account, no network, no clean-up to write. */
@MockCloudTest
class AppTest {

    @Test
    void aWebServerRunsWithAPublicIpInTheAppNetwork(Cloud cloud) {
        Vm vm = App.launchWebServer(cloud, "web-1");

        assertThat(vm.status()).isEqualTo(VmStatus.RUNNING);
        assertThat(vm.publicIp()).isNotNull();
        assertThat(vm.vpc()).isEqualTo("app-vpc");
        assertThat(vm.securityGroups()).containsExactly("app-web");
    }

    @Test
    void aSecondServerSharesTheNetworkAndTearingBothDownLeavesNothing(Cloud cloud) {
        App.launchWebServer(cloud, "web-1");
        App.launchWebServer(cloud, "web-2");
        assertThat(cloud.vpcs().list()).hasSize(1);

        App.tearDown(cloud, "web-1");
        App.tearDown(cloud, "web-2");

        assertThat(cloud.vms().list()).isEmpty();
        assertThat(cloud.vpcs().list()).isEmpty();
        assertThat(cloud.keyPairs().list()).isEmpty();
    }
}
