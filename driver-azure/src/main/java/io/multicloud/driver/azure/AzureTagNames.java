package io.multicloud.driver.azure;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tags between the common model and Azure. Azure's names are the resources' own names, so no
 * name tag is needed. The user's tags round-trip exactly: Azure refuses the characters
 * {@code < > % & \ ? /} in a tag name, so each of them (and the escape character {@code ~}
 * itself) is written as {@code ~} and two hex digits ({@code a/b} is stored as {@code a~2Fb}) and
 * read back; values (256 characters of any text) go as they are. The driver's own tags start
 * with {@code multicloud-azure:} and are kept out of the user's tags. Azure compares tag names
 * without regard to case and allows 50 tags per resource; those limits stay Azure's.
 */
final class AzureTagNames {
    /** The prefix of the driver's own tags. */
    static final String OWN = "multicloud-azure:";
    /** The image the user asked for (an alias or URN), shown as the VM's image. */
    static final String IMAGE = OWN + "image";
    /** The key pair a VM was made with. */
    static final String KEY_PAIR = OWN + "key-pair";
    /** The client token (idempotency key) of a VM's create. */
    static final String CLIENT_TOKEN = OWN + "client-token";
    /** The VM a managed image was made from. */
    static final String SOURCE_VM = OWN + "source-vm";
    /** Marks a managed disk that is a my-image (a copy of a VM's OS disk); its value is the OS type. */
    static final String MY_IMAGE = OWN + "my-image";
    /** The admin user a my-image's disk logs in (the source VM's), kept for the VMs made from it. */
    static final String LOGIN_USER = OWN + "login-user";

    private static final String FORBIDDEN = "<>%&\\?/~";

    private AzureTagNames() {
    }

    /** A tag name as Azure stores it. */
    static String encode(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                sb.append('~').append(String.format("%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A tag name as the user wrote it. */
    static String decode(String stored) {
        if (stored.indexOf('~') < 0) {
            return stored;
        }
        StringBuilder sb = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '~' && i + 2 < stored.length()) {
                try {
                    sb.append((char) Integer.parseInt(stored.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not one of ours: keep it
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The tags to write: the user's (encoded) and the driver's own. */
    static Map<String, String> forAzure(Map<String, String> user, Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>();
        user.forEach((k, v) -> all.put(encode(k), v));
        all.putAll(own);
        return all;
    }

    /** The user's tags of a resource (decoded, without the driver's own). */
    static Map<String, String> user(Map<String, String> stored) {
        if (stored == null) {
            return Map.of();
        }
        Map<String, String> user = new HashMap<>();
        stored.forEach((k, v) -> {
            if (!k.startsWith(OWN)) {
                user.put(decode(k), v == null ? "" : v);
            }
        });
        return user;
    }

    /** One of the driver's own tags, or null. */
    static String own(Map<String, String> stored, String key) {
        return stored == null ? null : stored.get(key);
    }
}
