package io.multicloud.api;

/** The SSH key pairs of a connection. */
public interface KeyPairs extends Resources<KeyPair, KeyPairRequest> {
    /** Creates a new key pair; the result holds the private key, and no later call does. */
    KeyPair create(String name);

    /** Imports an OpenSSH public key under a name. */
    KeyPair importKey(String name, String publicKey);
}
