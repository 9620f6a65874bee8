package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientTokenTest {
    private static final MciTags.Identity CREATION = new MciTags.Identity("web", "creation-1", "owner-a");

    @Test
    void aVmsTokenIsTheSameForEveryRetryOfOneCreation() {
        assertThat(VmProvisioner.clientToken(CREATION, "web-g-1")).isEqualTo(VmProvisioner.clientToken(
                new MciTags.Identity("web", "creation-1", "owner-a"), "web-g-1"));
    }

    @Test
    void tokensDifferPerVmPerCreationAndPerOwner() {
        String token = VmProvisioner.clientToken(CREATION, "web-g-1");
        assertThat(VmProvisioner.clientToken(CREATION, "web-g-2")).isNotEqualTo(token);
        assertThat(VmProvisioner.clientToken(new MciTags.Identity("web", "creation-2", "owner-a"), "web-g-1")).isNotEqualTo(token);
        assertThat(VmProvisioner.clientToken(new MciTags.Identity("web", "creation-1", "owner-b"), "web-g-1")).isNotEqualTo(token);
    }

    @Test
    void aTokenIsAUuidThatEveryCloudTakes() {
        String token = VmProvisioner.clientToken(CREATION, "web-g-1");
        UUID uuid = UUID.fromString(token);
        assertThat(uuid.toString()).isEqualTo(token);
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(token).matches("[A-Za-z0-9-]{1,64}");
    }

    @Test
    void tenThousandVmsOfOneCreationGetTenThousandTokens() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(VmProvisioner.clientToken(CREATION, "web-g" + (i % 100) + "-" + i / 100));
        }
        assertThat(tokens).hasSize(10_000);
    }
}
