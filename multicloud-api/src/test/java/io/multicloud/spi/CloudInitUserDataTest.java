package io.multicloud.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The user data that creates the login user with the key pair's public key. */
class CloudInitUserDataTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHZ6bXVsdGljbG91ZHRlc3RrZXkwMDAwMDAwMDAw me@host";
    private static final String BOUNDARY = "==BOUNDARY==";

    @Test
    void withoutUserDataItIsOneCloudConfigCreatingTheUserWithTheKeyAndSudo() {
        String doc = CloudInitUserData.build(KEY + "\n", null, BOUNDARY);
        assertThat(doc).startsWith("#cloud-config\n").doesNotContain("multipart")
                .contains("users:\n  - default\n  - name: multicloud\n")
                .contains("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n")
                .contains("    shell: /bin/bash\n")
                .contains("    ssh_authorized_keys:\n      - \"" + KEY + "\"\n");
    }

    @Test
    void aShellScriptOfTheUserTravelsAsASecondPartOfAMultipartDocument() {
        String script = "#!/bin/sh\necho hi\n";
        String doc = CloudInitUserData.build(KEY, script, BOUNDARY);
        assertThat(doc).startsWith("Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\nMIME-Version: 1.0\n\n")
                .endsWith("--" + BOUNDARY + "--\n");
        String[] parts = doc.split("--" + BOUNDARY + "\n");
        assertThat(parts).hasSize(3);
        assertThat(parts[1]).startsWith("Content-Type: text/cloud-config; charset=\"utf-8\"\n")
                .contains("\n\n#cloud-config\nusers:\n").contains("name: multicloud").contains(KEY);
        assertThat(parts[2]).startsWith("Content-Type: text/x-shellscript; charset=\"utf-8\"\n")
                .doesNotContain("Merge-Type").contains("\n\n" + script);
    }

    @Test
    void theUsersCloudConfigIsACloudConfigPartMergedByAppendingLists() {
        String config = "#cloud-config\npackages:\n  - htop\n";
        String doc = CloudInitUserData.build(KEY, config, BOUNDARY);
        String[] parts = doc.split("--" + BOUNDARY + "\n");
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).startsWith("Content-Type: text/cloud-config; charset=\"utf-8\"\n")
                .contains("Merge-Type: list(append)+dict(recurse_array)+str()\n")
                .endsWith("\n\n" + config + "--" + BOUNDARY + "--\n");
    }

    @Test
    void userDataOfNoKnownKindIsTakenForAShellScript() {
        assertThat(CloudInitUserData.contentType("echo hi\n")).isEqualTo("text/x-shellscript");
        assertThat(CloudInitUserData.contentType("#!/usr/bin/env python3\n")).isEqualTo("text/x-shellscript");
        assertThat(CloudInitUserData.contentType("#cloud-config\n")).isEqualTo("text/cloud-config");
    }

    @Test
    void eachDocumentHasItsOwnBoundary() {
        String one = CloudInitUserData.build(KEY, "echo a");
        String two = CloudInitUserData.build(KEY, "echo a");
        assertThat(one.lines().findFirst()).isNotEqualTo(two.lines().findFirst());
        assertThat(one).contains("boundary=\"==MULTICLOUD_");
    }
}
