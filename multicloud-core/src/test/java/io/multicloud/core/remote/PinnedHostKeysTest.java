package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedHostKeysTest {
    @TempDir
    Path home;

    private static byte[] newHostKey() throws Exception {
        return KeyPair.genKeyPair(new JSch(), KeyPair.ED25519).getPublicKeyBlob();
    }

    @Test
    void theFirstKeyIsPinnedAndAnotherOneIsThenRefused() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        PinnedHostKeys pins = new PinnedHostKeys(store);
        String vm = PinnedHostKeys.alias("mock/mars/a", "i-123");
        byte[] first = newHostKey();

        assertThat(pins.check(vm, first)).isEqualTo(HostKeyRepository.OK);
        assertThat(pins.check(vm, first)).isEqualTo(HostKeyRepository.OK);
        assertThat(pins.check(vm, newHostKey())).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(Files.readString(store.knownHosts())).startsWith("mock/mars/a/i-123 ssh-ed25519 ");
    }

    @Test
    void pinsSurviveANewProcessAndBelongToTheVmNotItsAddress() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        byte[] key = newHostKey();
        new PinnedHostKeys(store).check(PinnedHostKeys.alias("c", "i-1"), key);

        PinnedHostKeys later = new PinnedHostKeys(store);
        assertThat(later.check(PinnedHostKeys.alias("c", "i-1"), newHostKey())).isEqualTo(HostKeyRepository.CHANGED);
        // A new VM (another id) at a reused address has a key of its own.
        assertThat(later.check(PinnedHostKeys.alias("c", "i-2"), newHostKey())).isEqualTo(HostKeyRepository.OK);
        assertThat(later.getHostKey()).hasSize(2);
    }

    @Test
    void removingAPinLetsTheVmShowANewKey() throws Exception {
        SshStore store = new SshStore(home.resolve("ssh"));
        PinnedHostKeys pins = new PinnedHostKeys(store);
        String vm = PinnedHostKeys.alias("c", "i-1");
        pins.check(vm, newHostKey());
        pins.remove(vm, null);

        assertThat(pins.check(vm, newHostKey())).isEqualTo(HostKeyRepository.OK);
    }
}
