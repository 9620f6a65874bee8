package io.multicloud.core.cloud;

import io.multicloud.api.Capability;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.KeyPairs;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.KeyPairService;
import java.util.function.Supplier;

/** SSH key pairs: create (private key returned once) or import. */
final class KeyPairCollection extends ResourceCollection<KeyPair, KeyPairRequest, KeyPairService> implements KeyPairs {

    KeyPairCollection(CloudContext context, Supplier<KeyPairService> service) {
        super(context, ResourceKind.KEY_PAIR, service);
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        if (request != null && request.publicKey() != null) {
            context.require(Capability.KEY_PAIR_IMPORT);
        }
        return super.create(request);
    }

    @Override
    public KeyPair create(String name) {
        return create(KeyPairRequest.named(name));
    }

    @Override
    public KeyPair importKey(String name, String publicKey) {
        return create(KeyPairRequest.named(name).publicKey(publicKey));
    }
}
