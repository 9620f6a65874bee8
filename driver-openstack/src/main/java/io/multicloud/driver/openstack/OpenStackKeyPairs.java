package io.multicloud.driver.openstack;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.spi.KeyPairService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Keypair;

/**
 * Key pairs as Nova's. Nova keeps key names unique per user and answers a taken name with 409;
 * the name is checked first anyway, so nothing is sent. Create without a public key lets Nova
 * make the key and hands out its private key once, as a {@link Secret}; with a public key it
 * imports it. Nova key pairs carry no tags: a request with tags is refused before any call.
 */
final class OpenStackKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;

    private final OpenStackContext ctx;

    OpenStackKeyPairs(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<KeyPair> list() {
        return ctx.errors().call(KIND, null, () -> ctx.client().compute().keypairs().list()).stream()
                .map(k -> toRecord(k, null)).sorted(Comparator.comparing(KeyPair::name)).toList();
    }

    @Override
    public Optional<KeyPair> find(String name) {
        // Nova answers 404 for a missing key, which openstack4j turns into null.
        return Optional.ofNullable(ctx.errors().call(KIND, name, () -> ctx.client().compute().keypairs().get(name)))
                .map(k -> toRecord(k, null));
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        // Nova key pairs carry no tags: the library's own mark is dropped (such a key pair is deleted
        // with forceDelete), any other tag is refused rather than lost.
        if (request.tags().keySet().stream().anyMatch(k -> !k.equals(io.multicloud.api.Tagged.MANAGED))) {
            throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), KIND, name), "tags",
                    "OpenStack key pairs cannot carry tags");
        }
        if (find(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        Keypair created = ctx.errors().call(KIND, name,
                () -> ctx.client().compute().keypairs().create(name, request.publicKey()));
        String privateKey = created.getPrivateKey();
        return toRecord(created, privateKey == null || privateKey.isBlank() ? null : Secret.of(privateKey));
    }

    @Override
    public void delete(String name) {
        if (find(name).isEmpty()) {
            throw ctx.errors().notFound(KIND, name);
        }
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().compute().keypairs().delete(name)), KIND, name);
    }

    private KeyPair toRecord(Keypair keypair, Secret privateKey) {
        String publicKey = keypair.getPublicKey() == null ? null : keypair.getPublicKey().strip();
        return new KeyPair(keypair.getName(), keypair.getName(), keypair.getFingerprint(), publicKey, privateKey, Map.of());
    }
}
