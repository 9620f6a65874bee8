package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.VmStatus;
import org.junit.jupiter.api.Test;

/** SSH key pairs: made by the cloud (private key handed out once) or imported. */
@MockCloudTest
class KeyPairTest {

    @Test
    void aCreatedKeyPairHandsOutItsPrivateKeyOnce(Cloud cloud) {
        KeyPair key = cloud.keyPairs().create("key-1");
        assertThat(key.privateKeyOnce()).hasValueSatisfying(secret ->
                assertThat(secret.reveal()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertThat(key.publicKey()).startsWith("ssh-ed25519 ");
        assertThat(key.fingerprint()).startsWith("SHA256:");
        assertThat(key.toString()).doesNotContain(key.privateKey().reveal()).contains("key-1");

        KeyPair later = cloud.keyPairs().get("key-1");
        assertThat(later.privateKeyOnce()).isEmpty();
        assertThat(later).isEqualTo(key.withoutPrivateKey());
    }

    @Test
    void anImportedPublicKeyKeepsItsFingerprint(Cloud cloud) {
        KeyPair imported = cloud.keyPairs().importKey("laptop", ConformanceProfile.DEFAULT_PUBLIC_KEY);
        assertThat(imported.privateKeyOnce()).isEmpty();
        assertThat(imported.publicKey()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOxJc");
        // as `ssh-keygen -lf` prints it for that key
        assertThat(imported.fingerprint()).isEqualTo("SHA256:xVbveUCtZsfIkE67DBCFvB8cq7r1g35jNWT0keQaCtY");
    }

    @Test
    void aKeyPairWithTagsIsCreatedFromARequest(Cloud cloud) {
        KeyPair key = cloud.keyPairs().create(KeyPairRequest.named("key-2").tag("owner", "ops"));
        assertThat(key.tags()).containsEntry("owner", "ops");
        assertThat(cloud.keyPairs().list()).extracting(KeyPair::name).containsExactly("key-2");
    }

    @Test
    void aKeyPairNameIsTakenOnceAndFreedByDelete(Cloud cloud) {
        cloud.keyPairs().create("key-1");
        assertThatThrownBy(() -> cloud.keyPairs().importKey("key-1", ConformanceProfile.DEFAULT_PUBLIC_KEY))
                .isInstanceOf(AlreadyExistsException.class);
        cloud.keyPairs().delete("key-1");
        assertThat(cloud.keyPairs().importKey("key-1", ConformanceProfile.DEFAULT_PUBLIC_KEY).name()).isEqualTo("key-1");
    }

    @Test
    void aVmLogsInWithItsKeyPairAsTheImagesUser(Cloud cloud) {
        Fixtures.network(cloud);
        cloud.keyPairs().create("key-1");
        cloud.vms().create(Fixtures.vm("vm-1").keyPair("key-1"));
        var vm = cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, Fixtures.WAIT);
        assertThat(vm.keyPair()).isEqualTo("key-1");
        assertThat(vm.loginUser()).isEqualTo("ubuntu");
        assertThat(vm.ssh().port()).isEqualTo(22);
        assertThat(vm.ssh().host()).isEqualTo(vm.publicIp());
    }
}
