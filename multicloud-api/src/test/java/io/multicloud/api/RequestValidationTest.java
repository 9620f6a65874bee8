package io.multicloud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestValidationTest {

    private static void refused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo(field);
    }

    @Test
    void subnetsMustLieInsideTheVpcWhicheverIsGivenFirst() {
        refused(() -> VpcRequest.named("v").cidr("10.0.0.0/16").subnet("s", "10.1.0.0/24"), "subnet cidr");
        refused(() -> VpcRequest.named("v").subnet("s", "10.1.0.0/24").cidr("10.0.0.0/16"), "subnet cidr");
    }

    @Test
    void subnetsMustNotOverlapNorShareANames() {
        refused(() -> VpcRequest.named("v").cidr("10.0.0.0/16").subnet("a", "10.0.1.0/24").subnet("b", "10.0.1.128/25"), "subnet cidr");
        refused(() -> VpcRequest.named("v").cidr("10.0.0.0/16").subnet("a", "10.0.1.0/24").subnet("a", "10.0.2.0/24"), "subnet name");
    }

    @Test
    void aCompleteVpcNeedsABlockAndASubnet() {
        refused(() -> VpcRequest.named("v").requireComplete(), "vpc cidr");
        refused(() -> VpcRequest.named("v").cidr("10.0.0.0/16").requireComplete(), "subnets");
    }

    @Test
    void aCompleteVmNeedsImageSpecAndSubnet() {
        refused(() -> VmRequest.named("vm-1").spec("m1.small").subnet("v", "s").requireComplete(), "image");
        refused(() -> VmRequest.named("vm-1").image("ubuntu-22.04").subnet("v", "s").requireComplete(), "spec");
        refused(() -> VmRequest.named("vm-1").image("ubuntu-22.04").spec("m1.small").requireComplete(), "vpc");
        refused(() -> VmRequest.named("vm-1").rootDisk("ssd", 0), "root disk size (GB)");
    }

    @Test
    void aClientTokenIsOneTo64LettersDigitsAndHyphens() {
        assertThat(VmRequest.named("vm-1").clientToken("A-z-09").clientToken()).isEqualTo("A-z-09");
        assertThat(VmRequest.named("vm-1").clientToken("x".repeat(64)).clientToken()).hasSize(64);
        refused(() -> VmRequest.named("vm-1").clientToken("x".repeat(65)), "client token");
        refused(() -> VmRequest.named("vm-1").clientToken(""), "client token");
        refused(() -> VmRequest.named("vm-1").clientToken("a_b"), "client token");
        refused(() -> VmRequest.named("vm-1").clientToken("ä"), "client token");
    }

    @Test
    void loadBalancersSpeakTcpOrUdpOnValidPorts() {
        refused(() -> NlbRequest.named("lb").listener(Protocol.ICMP, 80), "listener protocol");
        refused(() -> NlbRequest.named("lb").listener(Protocol.TCP, 0), "listener port");
        refused(() -> NlbRequest.named("lb").vpc("v").listener(Protocol.TCP, 80).requireComplete(), "vm group");
    }

    @Test
    void nodeGroupSizesMustBeOrdered() {
        refused(() -> NodeGroupRequest.of("ng", "m1.small", 2).sizes(3, 2, 2), "node group min size");
        refused(() -> NodeGroupRequest.of("ng", "m1.small", 2).sizes(1, 3, 5), "node group desired size");
        refused(() -> ClusterRequest.named("k").version("latest"), "cluster version");
    }

    @Test
    void keyImportsMustBeOpenSshPublicKeys() {
        refused(() -> KeyPairRequest.named("k").publicKey("-----BEGIN RSA PRIVATE KEY-----"), "public key");
        assertThat(KeyPairRequest.named("k").publicKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG user@host").publicKey())
                .startsWith("ssh-ed25519");
    }

    @Test
    void userDataIsLeftOutOfTheTextForm() {
        String text = VmRequest.named("vm-1").userData("export TOKEN=CANARY-42").toString();
        assertThat(text).doesNotContain("CANARY-42").contains("22 chars");
    }

    @Test
    void secretsNeverShowInTextForms() {
        ConnectionConfig config = ConnectionConfig.of("aws", "us-east-2").credential("secret_access_key", "CANARY-abc");
        assertThat(config.toString()).doesNotContain("CANARY-abc").contains("secret_access_key");
        KeyPair key = new KeyPair("k", "id", "fp", "ssh-rsa AAA", Secret.of("-----BEGIN PRIVATE KEY----- CANARY"), java.util.Map.of());
        assertThat(key.toString()).doesNotContain("CANARY").doesNotContain("BEGIN PRIVATE");
        assertThat(key.privateKeyOnce()).isPresent();
        assertThat(key.withoutPrivateKey().privateKeyOnce()).isEmpty();
    }
}
