package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection: the subscription found when none is named, the library's resource group made on
 * the first create (and only then), a named group that must exist, and plain http only on the
 * loopback address.
 */
class AzureConnectionTest {
    private AzureFake fake;
    private MultiCloud mc;

    @BeforeEach
    void start() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private static VpcRequest vpc(String name) {
        return VpcRequest.named(name).cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24");
    }

    @Test
    void theLibrarysGroupIsMadeOnTheFirstCreateTaggedAsTheLibrarysAndReadsMakeNothing() {
        Cloud azure = mc.connect(ConnectionConfig.of("azure", "eastus").property(AzureDriver.ENDPOINT, fake.url())
                .property(AzureDriver.POLL_INTERVAL_MS, "5"));
        assertThat(azure.vms().list()).isEmpty();
        assertThat(azure.vpcs().list()).isEmpty();
        assertThat(fake.server().log().count("ResourceGroups_CreateOrUpdate")).isZero();
        assertThat(fake.server().log().count("Subscriptions_List")).isOne();

        azure.vpcs().create(vpc("vpc-1"));
        azure.vpcs().create(vpc("vpc-2"));
        assertThat(fake.server().log().count("ResourceGroups_CreateOrUpdate")).isOne();
        assertThat(fake.server().log().count("ResourceGroups_CheckExistence")).isOne();
        assertThat(fake.locked(() -> fake.ids("Microsoft.Network/virtualNetworks")))
                .allSatisfy(id -> assertThat(id).contains("/resourceGroups/multicloud-eastus/"));
    }

    @Test
    void aGroupNamedByThePropertyMustExistAndIsUsedAsItIs() {
        Cloud missing = mc.connect(AzureFakeConnections.config(fake).property(AzureDriver.RESOURCE_GROUP, "team-rg").named("missing"));
        assertThatThrownBy(() -> missing.vpcs().create(vpc("vpc-1"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("team-rg");
        assertThat(fake.server().log().count("ResourceGroups_CreateOrUpdate")).isZero();

        Cloud own = mc.connect(AzureFakeConnections.config(fake).named("own"));
        own.vpcs().create(vpc("vpc-own"));
        Cloud shared = mc.connect(AzureFakeConnections.config(fake).property(AzureDriver.RESOURCE_GROUP, "multicloud-eastus").named("shared"));
        assertThat(shared.vpcs().get("vpc-own").id()).contains("/resourceGroups/multicloud-eastus/");
    }

    @Test
    void plainHttpIsRefusedAwayFromTheLoopbackAddress() {
        Cloud remote = mc.connect(ConnectionConfig.of("azure", "eastus").property(AzureDriver.SUBSCRIPTION, AzureFake.SUBSCRIPTION)
                .property(AzureDriver.ENDPOINT, "http://management.example.invalid"));
        assertThatThrownBy(() -> remote.vpcs().list()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("https");
    }
}
