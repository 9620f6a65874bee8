package io.multicloud.api;

import java.util.Map;

/**
 * A key pair to create. Without a public key the cloud makes a new pair and returns the
 * private key once; with one, the public key is imported.
 *
 * @param name the key pair's name
 * @param publicKey an OpenSSH public key to import, or null
 * @param tags its tags
 */
public record KeyPairRequest(String name, String publicKey, Map<String, String> tags) implements CreateRequest, TaggedRequest<KeyPairRequest> {
    public KeyPairRequest {
        Validate.name("key pair name", name);
        if (publicKey != null && !publicKey.matches("(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?\\s*")) {
            throw new InvalidRequestException("public key", "is not an OpenSSH public key (ssh-rsa/ssh-ed25519/ecdsa-sha2-*)");
        }
        tags = Validate.tags("key pair tags", tags);
    }

    /** A request for a new key pair. */
    public static KeyPairRequest named(String name) {
        return new KeyPairRequest(name, null, Map.of());
    }

    /** A copy that imports this public key. */
    public KeyPairRequest publicKey(String key) {
        return new KeyPairRequest(name, key == null ? null : key.trim(), tags);
    }

    /** A copy with one more tag. */
    public KeyPairRequest tag(String key, String value) {
        return new KeyPairRequest(name, publicKey, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        // every field is checked when built
    }
}
