package io.multicloud.spi;

import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;

/**
 * SSH key pairs. {@code create} without a public key returns the private key (the only time it
 * is ever returned); with a public key it imports it.
 */
public interface KeyPairService extends ResourceService<KeyPair, KeyPairRequest> {
}
