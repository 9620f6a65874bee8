package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.spi.SshKeys;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.spi.KeyPairService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key pairs. GCE has no key pair resource: a key pair is an item of the project's metadata,
 * {@code multicloud-key-<name>} = {@code {"publicKey","fingerprint","tags"}} (an item under
 * another key than {@code ssh-keys} lets no one in); a VM made with it gets the public key in
 * its own {@code ssh-keys} metadata for the login user {@code multicloud}. Create without a
 * public key makes an Ed25519 pair and returns the private key once (never logged, never
 * stored); with one, imports it. Its id is the metadata item's key.
 */
final class GcpKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GcpContext ctx;
    private final GcpProjectStore store;

    GcpKeyPairs(GcpContext ctx) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
    }

    @Override
    public List<KeyPair> list() {
        List<KeyPair> out = new ArrayList<>();
        store.items().forEach((k, v) -> {
            if (k.startsWith(GcpProjectStore.KEY_PREFIX)) {
                toRecord(k.substring(GcpProjectStore.KEY_PREFIX.length()), v).ifPresent(out::add);
            }
        });
        out.sort(Comparator.comparing(KeyPair::name));
        return List.copyOf(out);
    }

    @Override
    public Optional<KeyPair> find(String nameOrId) {
        // By name first: a name may itself start like an id (the MCIs' shared key pairs are multicloud-key-<store>).
        Map<String, String> items = store.items();
        String byName = items.get(GcpProjectStore.KEY_PREFIX + nameOrId);
        if (byName != null) {
            return toRecord(nameOrId, byName);
        }
        if (nameOrId.startsWith(GcpProjectStore.KEY_PREFIX) && items.containsKey(nameOrId)) {
            return toRecord(nameOrId.substring(GcpProjectStore.KEY_PREFIX.length()), items.get(nameOrId));
        }
        return Optional.empty();
    }

    private static Optional<KeyPair> toRecord(String name, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return Optional.of(new KeyPair(name, GcpProjectStore.KEY_PREFIX + name, n.path("fingerprint").asText(null),
                    n.path("publicKey").asText(null), null, GcpLabels.parse(n.path("tags").toString())));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        String publicKey;
        String fingerprint;
        Secret privateKey = null;
        if (request.publicKey() == null) {
            SshKeys.Generated generated = SshKeys.generate(name);
            publicKey = generated.publicKey();
            fingerprint = generated.fingerprint();
            privateKey = generated.privateKey();
        } else {
            publicKey = request.publicKey();
            try {
                fingerprint = SshKeys.fingerprintOf(publicKey);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(ctx.error(KIND, name), "public key", e.getMessage());
            }
        }
        ObjectNode value = JSON.createObjectNode().put("publicKey", publicKey).put("fingerprint", fingerprint);
        value.set("tags", JSON.valueToTree(request.tags()));
        String key = GcpProjectStore.KEY_PREFIX + name;
        store.update(KIND, name, items -> {
            if (items.containsKey(key)) {
                throw new AlreadyExistsException(ctx.error(KIND, name), "the project already holds a key pair of this name");
            }
            items.put(key, value.toString());
            return items;
        });
        return new KeyPair(name, key, fingerprint, publicKey, privateKey, request.tags());
    }

    @Override
    public void delete(String name) {
        String key = GcpProjectStore.KEY_PREFIX + name;
        store.update(KIND, name, items -> {
            if (!items.containsKey(key)) {
                throw new NotFoundException(ctx.error(KIND, name), "no key pair of this name");
            }
            items.remove(key);
            return items;
        });
    }

    /** Replaces a key pair's tags. */
    void tag(String name, Map<String, String> tags) {
        String key = GcpProjectStore.KEY_PREFIX + name;
        store.update(KIND, name, items -> {
            String current = items.get(key);
            if (current == null) {
                throw new NotFoundException(ctx.error(KIND, name), "no key pair of this name");
            }
            try {
                ObjectNode value = (ObjectNode) JSON.readTree(current);
                value.set("tags", JSON.valueToTree(tags));
                items.put(key, value.toString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return items;
        });
    }
}
