package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyGenerateKeyPairResultInner;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyResourceInner;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.spi.KeyPairService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Key pairs as SSH public key resources ({@code Microsoft.Compute/sshPublicKeys}). Without a
 * public key, the resource is made empty and Azure generates the pair
 * ({@code generateKeyPair}): its private key is returned once, by create, and never stored or
 * logged; with a public key, the key is imported. The fingerprint is the OpenSSH SHA-256 one.
 */
final class AzureKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;
    static final String TYPE = "Microsoft.Compute/sshPublicKeys";
    private final AzureContext ctx;

    AzureKeyPairs(AzureContext ctx) {
        this.ctx = ctx;
    }

    private com.azure.resourcemanager.compute.fluent.SshPublicKeysClient keys() {
        return ctx.clients().compute().getSshPublicKeys();
    }

    @Override
    public List<KeyPair> list() {
        List<KeyPair> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            keys().list().forEach(k -> all.add(toRecord(k, null)));
            return all;
        });
        all.sort(Comparator.comparing(KeyPair::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<KeyPair> find(String nameOrId) {
        return raw(nameOrId).map(k -> toRecord(k, null));
    }

    private java.util.Optional<SshPublicKeyResourceInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> keys().getByResourceGroup(group, name));
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> keys().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "an SSH public key of this name exists in " + ctx.resourceGroup());
        }
        ctx.ensureResourceGroup();
        SshPublicKeyResourceInner body = new SshPublicKeyResourceInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), java.util.Map.of()));
        if (request.publicKey() != null) {
            body.withPublicKey(request.publicKey());
        }
        SshPublicKeyResourceInner made = ctx.errors().call(KIND, name, () -> keys().create(ctx.resourceGroup(), name, body));
        if (request.publicKey() != null) {
            return toRecord(made, null);
        }
        SshPublicKeyGenerateKeyPairResultInner pair = ctx.errors().call(KIND, name,
                () -> keys().generateKeyPair(ctx.resourceGroup(), name));
        KeyPair generated = toRecord(made, Secret.of(pair.privateKey()));
        return new KeyPair(generated.name(), generated.id(), fingerprint(pair.publicKey()), pair.publicKey(),
                generated.privateKey(), generated.tags());
    }

    @Override
    public void delete(String nameOrId) {
        SshPublicKeyResourceInner key = raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
        ctx.errors().run(KIND, key.name(), () -> keys().delete(AzureIds.group(key.id()), key.name()));
    }

    private static KeyPair toRecord(SshPublicKeyResourceInner k, Secret privateKey) {
        return new KeyPair(AzureIds.shown(k.name(), k.id()), k.id(), fingerprint(k.publicKey()), k.publicKey(), privateKey,
                AzureTagNames.user(k.tags()));
    }

    /** The OpenSSH SHA-256 fingerprint of a public key, or null when there is none. */
    static String fingerprint(String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            return null;
        }
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2) {
            return null;
        }
        try {
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                    publicKey.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        }
    }
}
