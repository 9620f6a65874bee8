package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.KeyPairService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSH key pairs (CVM CreateKeyPair, ImportKeyPair). A Tencent key name holds only letters, digits
 * and underscores, 25 at most: the user's name {@code my-key} becomes {@code my_key} (user names
 * have no underscore, so this reads back exactly); a longer name is shortened with a hash and
 * kept whole in a {@code multicloud:name} tag. The fingerprint is the OpenSSH SHA256 one of the
 * public key. Tencent keeps key names unique itself.
 */
final class TencentKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;
    static final int MAX_KEY_NAME = 25;

    private final TencentContext ctx;

    TencentKeyPairs(TencentContext ctx) {
        this.ctx = ctx;
    }

    /** The Tencent key name of a user name. */
    static String keyName(String name) {
        String plain = name.replace('-', '_');
        if (plain.length() <= MAX_KEY_NAME) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return plain.substring(0, MAX_KEY_NAME - 9) + "_" + HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<KeyPair> list() {
        return ctx.api().list(Product.CVM, "DescribeKeyPairs", TencentApi.object(), "KeyPairSet", false, KIND, null)
                .stream().map(k -> toRecord(k, null)).toList();
    }

    @Override
    public Optional<KeyPair> find(String nameOrId) {
        return findRaw(nameOrId).map(k -> toRecord(k, null));
    }

    Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "skey")) {
            Optional<JsonNode> byId = describe("key-id", nameOrId).stream()
                    .filter(k -> nameOrId.equals(k.path("KeyId").asText())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("key-name", keyName(nameOrId)).stream().filter(k -> nameOrId.equals(name(k))).findFirst();
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        return ctx.api().list(Product.CVM, "DescribeKeyPairs", params, "KeyPairSet", false, KIND, value);
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no key pair of this name or id"));
    }

    /** Key pair names by id, one call for all. */
    Map<String, String> names(java.util.Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode params = TencentApi.object();
        params.set("KeyIds", TencentApi.strings(ids));
        ctx.api().list(Product.CVM, "DescribeKeyPairs", params, "KeyPairSet", false, KIND, null)
                .forEach(k -> out.put(k.path("KeyId").asText(), name(k)));
        return out;
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        Map<String, String> tags = new LinkedHashMap<>(TencentTagCodec.encode(request.tags()));
        if (!keyName(name).equals(name.replace('-', '_'))) {
            tags.put(TencentTagCodec.NAME_TAG, name);
        }
        ObjectNode params = TencentApi.object();
        params.put("KeyName", keyName(name));
        params.put("ProjectId", 0);
        if (!tags.isEmpty()) {
            ObjectNode spec = params.putArray("TagSpecification").addObject();
            spec.put("ResourceType", "keypair");
            spec.set("Tags", TencentTagCodec.toJson(tags));
        }
        if (request.publicKey() != null) {
            params.put("PublicKey", request.publicKey());
            String id = ctx.api().change(Product.CVM, "ImportKeyPair", params, KIND, name).path("KeyId").asText();
            return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the imported key pair is not listed"));
        }
        JsonNode key = ctx.api().change(Product.CVM, "CreateKeyPair", params, KIND, name).path("KeyPair");
        String privateKey = key.path("PrivateKey").asText(null);
        return toRecord(key, privateKey == null || privateKey.isEmpty() ? null : Secret.of(privateKey));
    }

    @Override
    public void delete(String name) {
        JsonNode key = requireRaw(name);
        ObjectNode params = TencentApi.object();
        params.set("KeyIds", TencentApi.strings(List.of(key.path("KeyId").asText())));
        ctx.api().change(Product.CVM, "DeleteKeyPairs", params, KIND, name);
    }

    /** The user's name of a Tencent key pair. */
    static String name(JsonNode k) {
        String tagged = TencentTagCodec.own(k.path("Tags"), TencentTagCodec.NAME_TAG);
        if (tagged != null) {
            return tagged;
        }
        String keyName = k.path("KeyName").asText();
        String back = keyName.replace('_', '-');
        return TencentTagCodec.isUserName(back) ? back : k.path("KeyId").asText();
    }

    private static KeyPair toRecord(JsonNode k, Secret privateKey) {
        String publicKey = k.path("PublicKey").asText(null);
        return new KeyPair(name(k), k.path("KeyId").asText(), fingerprint(publicKey), publicKey, privateKey,
                TencentTagCodec.user(k.path("Tags")));
    }

    /** The OpenSSH SHA256 fingerprint of a public key, or null. */
    static String fingerprint(String publicKey) {
        if (publicKey == null) {
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
            return null;
        }
    }
}
