package io.multicloud.driver.openstack;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.api.Tagged;
import io.multicloud.spi.KeyPairService;
import io.multicloud.spi.SshKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Keypair;

/**
 * Key pairs as Nova's. Nova keeps key names unique per user and answers a taken name with 409;
 * the name is checked first anyway, so nothing is sent. Create without a public key lets Nova
 * make the key and hands out its private key once, as a {@link Secret}; with a public key it
 * imports it. Nova key pairs carry no tags: a request with tags is refused before any call, except
 * the library's own mark, which lives in the public key's comment ({@value #MARK}) so that any
 * process sees it; the comment is not part of the key, so the fingerprint stays the same.
 */
final class OpenStackKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;
    static final String MARK = Tagged.MANAGED + "=true";

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
        // Nova key pairs carry no tags: the library's own mark goes into the public key's comment,
        // any other tag is refused rather than lost.
        boolean marked = "true".equals(request.tags().get(Tagged.MANAGED));
        if (request.tags().keySet().stream().anyMatch(k -> !k.equals(Tagged.MANAGED))) {
            throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), KIND, name), "tags",
                    "OpenStack key pairs cannot carry tags");
        }
        if (find(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        if (marked && request.publicKey() == null) {
            // Made here rather than by Nova, so the public key carries the mark (Nova 2.92+ makes none anyway).
            SshKeys.Generated generated = SshKeys.generate(MARK);
            return toRecord(importKey(name, generated.publicKey()), generated.privateKey());
        }
        if (marked) {
            return toRecord(importKey(name, withComment(request.publicKey(), MARK)), null);
        }
        Keypair created = importKey(name, request.publicKey());
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

    private Keypair importKey(String name, String publicKey) {
        return ctx.errors().call(KIND, name, () -> ctx.client().compute().keypairs().create(name, publicKey));
    }

    /** The key's type and data, with the given comment in place of its own. */
    static String withComment(String publicKey, String comment) {
        String[] fields = publicKey.strip().split("\\s+");
        return fields.length < 2 ? publicKey : fields[0] + " " + fields[1] + " " + comment;
    }

    private KeyPair toRecord(Keypair keypair, Secret privateKey) {
        String publicKey = keypair.getPublicKey() == null ? null : keypair.getPublicKey().strip();
        boolean marked = publicKey != null && publicKey.endsWith(" " + MARK);
        return new KeyPair(keypair.getName(), keypair.getName(), keypair.getFingerprint(), publicKey, privateKey,
                marked ? Map.of(Tagged.MANAGED, "true") : Map.of());
    }
}
