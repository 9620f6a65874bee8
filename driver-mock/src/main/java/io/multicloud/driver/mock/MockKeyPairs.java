package io.multicloud.driver.mock;

import io.multicloud.spi.SshKeys;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.mock.MockEntities.KeyPairEntity;
import io.multicloud.spi.KeyPairService;

import java.util.List;
import java.util.Optional;

/**
 * Key pairs. Creating one without a public key makes a new Ed25519 pair and returns its
 * private key once, in the result of {@code create}; the mock keeps only the public half, so
 * no later call (nor the state file) can show the private key again.
 */
final class MockKeyPairs implements KeyPairService {
    private static final String KIND = "key_pair";

    private final MockContext ctx;

    MockKeyPairs(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<KeyPair> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.keyPairs.all().stream().map(KeyPairEntity::toRecord).toList());
    }

    @Override
    public Optional<KeyPair> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.keyPairs.find(name).map(KeyPairEntity::toRecord));
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.keyPairs.requireFree(request.name(), ctx.errors);
            KeyPairEntity key = new KeyPairEntity();
            key.init(request.name(), MockContext.newId("key"), request.tags());
            if (request.publicKey() == null) {
                SshKeys.Generated made = SshKeys.generate(request.name());
                key.publicKey = made.publicKey();
                key.fingerprint = made.fingerprint();
                r.keyPairs.add(key);
                KeyPair stored = key.toRecord();
                return new KeyPair(stored.name(), stored.id(), stored.fingerprint(), stored.publicKey(),
                        made.privateKey(), stored.tags());
            }
            try {
                key.fingerprint = SshKeys.fingerprintOf(request.publicKey());
            } catch (IllegalArgumentException e) {
                throw ctx.errors.invalid(ResourceKind.KEY_PAIR, request.name(), "public key", e.getMessage());
            }
            key.publicKey = request.publicKey().trim();
            r.keyPairs.add(key);
            return key.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            r.keyPairs.get(name, ctx.errors);
            r.keyPairs.remove(name);
            return null;
        });
    }
}
