package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.spi.KeyPairService;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Key pairs: every key pair of the region. The key's own name (KeyName) is the user's name, for
 * those made elsewhere too, whatever its characters: AWS keeps key names unique and every call
 * (RunInstances, an instance's KeyName) refers to a key by it; find also takes the
 * {@code key-} id. A key made here carries a {@code Name} tag too. CreateKeyPair hands out the private key once, as a {@link Secret};
 * ImportKeyPair takes a public key. List and find never carry a private key.
 */
final class AwsKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;

    private final AwsContext ctx;

    AwsKeyPairs(AwsContext ctx) {
        this.ctx = ctx;
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public List<KeyPair> list() {
        return ctx.errors().call(KIND, null, () -> ec2().describeKeyPairs(r -> r.includePublicKey(true)).keyPairs())
                .stream().map(k -> toRecord(k, null)).sorted(Comparator.comparing(KeyPair::name)).toList();
    }

    @Override
    public Optional<KeyPair> find(String name) {
        return info(name).map(k -> toRecord(k, null));
    }

    /** The key pair of this KeyName, else of this key pair id. */
    private Optional<KeyPairInfo> info(String name) {
        // A filter, unlike KeyNames, answers an empty list rather than an error for a missing key.
        return ctx.errors().call(KIND, name, () -> ec2().describeKeyPairs(r -> r.includePublicKey(true)
                .filters(Ec2Tags.filter("key-name", name))).keyPairs()).stream().findFirst()
                .or(() -> !name.startsWith("key-") ? Optional.empty() : ctx.errors().call(KIND, name, () -> ec2().describeKeyPairs(
                        r -> r.includePublicKey(true).filters(Ec2Tags.filter("key-pair-id", name))).keyPairs()).stream().findFirst());
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        if (info(name).isPresent()) {
            throw new AlreadyExistsException(ErrorContext.of(ctx.config().name(), KIND, name), "a key pair of this name exists");
        }
        var tags = Ec2Tags.spec(ResourceType.KEY_PAIR, name, request.tags());
        Secret privateKey = null;
        if (request.publicKey() == null) {
            var created = ctx.errors().call(KIND, name, () -> ec2().createKeyPair(r -> r.keyName(name).tagSpecifications(tags)));
            privateKey = Secret.of(created.keyMaterial());
        } else {
            SdkBytes material = SdkBytes.fromString(request.publicKey(), StandardCharsets.UTF_8);
            ctx.errors().run(KIND, name, () -> ec2().importKeyPair(r -> r.keyName(name).publicKeyMaterial(material)
                    .tagSpecifications(tags)));
        }
        KeyPairInfo info = info(name).orElseThrow(() -> new io.multicloud.api.NotFoundException(
                ErrorContext.of(ctx.config().name(), KIND, name), "vanished right after it was created"));
        return toRecord(info, privateKey);
    }

    @Override
    public void delete(String name) {
        KeyPairInfo info = info(name).orElseThrow(() -> new io.multicloud.api.NotFoundException(
                ErrorContext.of(ctx.config().name(), KIND, name), "no key pair of this name"));
        ctx.errors().run(KIND, name, () -> ec2().deleteKeyPair(r -> r.keyName(info.keyName())));
    }

    private static KeyPair toRecord(KeyPairInfo k, Secret privateKey) {
        String publicKey = k.publicKey() == null ? null : k.publicKey().trim();
        return new KeyPair(k.keyName(), k.keyPairId(), k.keyFingerprint(), publicKey, privateKey, Ec2Tags.user(k.tags()));
    }
}
