package io.multicloud.api;

import java.util.Map;
import java.util.Optional;

/**
 * An SSH key pair. The private key is present only in the result of {@code create} (the cloud
 * hands it out once); it is a {@link Secret}, so printing the record never shows it.
 *
 * @param name the user's name
 * @param id the cloud's id
 * @param fingerprint the key's fingerprint
 * @param publicKey the public key in OpenSSH format
 * @param privateKey the private key (PEM/OpenSSH), only right after creation; else null
 * @param tags its tags
 */
public record KeyPair(String name, String id, String fingerprint, String publicKey, Secret privateKey,
                      Map<String, String> tags) implements Tagged {
    public KeyPair {
        tags = Map.copyOf(tags);
    }

    /** The private key, if this is the result of creating the key pair. */
    public Optional<Secret> privateKeyOnce() {
        return Optional.ofNullable(privateKey);
    }

    /** The same key pair without its private key, for keeping around. */
    public KeyPair withoutPrivateKey() {
        return new KeyPair(name, id, fingerprint, publicKey, null, tags);
    }
}
