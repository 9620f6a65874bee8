package io.multicloud.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * The user data of a Linux VM launched with a key pair: a cloud-config document that creates
 * the login user {@value #USER} (passwordless sudo, bash) with the key pair's public key in
 * {@code ssh_authorized_keys}. When the user gave user data too, both travel as a MIME
 * {@code multipart/mixed} document, which cloud-init runs part by part (the user's part as
 * {@code text/x-shellscript}, or {@code text/cloud-config} when it starts with
 * {@code #cloud-config}, which cloud-init merges into ours as its {@code Merge-Type} header
 * says). The document may carry the user's secrets: it is never logged. Shared by the drivers
 * of clouds whose images run cloud-init.
 */
public final class CloudInitUserData {
    /** The login user the library creates on a Linux VM launched with a key pair. */
    public static final String USER = "multicloud";

    /**
     * How cloud-init merges the user's cloud-config into ours: lists are appended to (so a
     * {@code users:} of the user's adds to ours instead of replacing it), maps merged recursively.
     */
    public static final String MERGE_TYPE = "list(append)+dict(recurse_array)+str()";

    private CloudInitUserData() {
    }

    /** The user data for the login user with this public key, plus the user's own when not null. */
    public static String build(String publicKey, String userData) {
        return build(publicKey, userData, "==MULTICLOUD_" + UUID.randomUUID().toString().replace("-", "") + "==");
    }

    /** As {@link #build(String, String)} with a given MIME boundary (for tests). */
    public static String build(String publicKey, String userData, String boundary) {
        Objects.requireNonNull(publicKey, "publicKey");
        String config = cloudConfig(publicKey.trim());
        if (userData == null || userData.isEmpty()) {
            return config;
        }
        return "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n"
                + "MIME-Version: 1.0\n"
                + "\n"
                + part(boundary, "text/cloud-config", "multicloud-user.cfg", null, config)
                + part(boundary, contentType(userData), "user-data", MERGE_TYPE, userData)
                + "--" + boundary + "--\n";
    }

    /** The MIME type cloud-init expects for the user's own user data. */
    public static String contentType(String userData) {
        if (userData.startsWith("#!")) {
            return "text/x-shellscript";
        }
        return userData.startsWith("#cloud-config") ? "text/cloud-config" : "text/x-shellscript";
    }

    private static String cloudConfig(String publicKey) {
        return "#cloud-config\n"
                + "users:\n"
                + "  - default\n"
                + "  - name: " + USER + "\n"
                + "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
                + "    shell: /bin/bash\n"
                + "    lock_passwd: true\n"
                + "    ssh_authorized_keys:\n"
                + "      - \"" + publicKey.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    private static String part(String boundary, String type, String filename, String mergeType, String body) {
        return "--" + boundary + "\n"
                + "Content-Type: " + type + "; charset=\"utf-8\"\n"
                + "MIME-Version: 1.0\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\n"
                + (mergeType != null && type.equals("text/cloud-config") ? "Merge-Type: " + mergeType + "\n" : "")
                + "\n"
                + body + (body.endsWith("\n") ? "" : "\n");
    }
}
