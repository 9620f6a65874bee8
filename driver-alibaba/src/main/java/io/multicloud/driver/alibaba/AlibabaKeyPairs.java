package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.spi.KeyPairService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSH key pairs, first-class in ECS: the name is the key pair's identity. CreateKeyPair returns
 * the private key once (it goes into the result's {@link Secret} and nowhere else); ImportKeyPair
 * takes an OpenSSH public key. Public keys are read with {@code IncludePublicKey=true}.
 */
final class AlibabaKeyPairs implements KeyPairService {
    private static final ResourceKind KIND = ResourceKind.KEY_PAIR;
    private final AlibabaContext ctx;

    AlibabaKeyPairs(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    private com.aliyun.ecs20140526.Client ecs() {
        return ctx.clients().ecs();
    }

    private List<KeyPair> describe(String name) {
        return AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.ecs20140526.models.DescribeKeyPairsRequest().setRegionId(ctx.region())
                    .setPageNumber(page).setPageSize(AlibabaContext.PAGE_SIZE).setKeyPairName(name).setIncludePublicKey(true);
            var body = ctx.call(KIND, name, () -> ecs().describeKeyPairs(req).getBody());
            List<KeyPair> items = body.getKeyPairs() == null || body.getKeyPairs().getKeyPair() == null ? List.of()
                    : body.getKeyPairs().getKeyPair().stream().map(k -> {
                Map<String, String> t = new HashMap<>();
                if (k.getTags() != null && k.getTags().getTag() != null) {
                    k.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
                }
                return new KeyPair(k.getKeyPairName(), k.getKeyPairName(), k.getKeyPairFingerPrint(), k.getPublicKey(), null,
                        AlibabaTags.decode(t));
            }).toList();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        });
    }

    @Override
    public List<KeyPair> list() {
        return describe(null).stream().sorted(Comparator.comparing(KeyPair::name)).toList();
    }

    @Override
    public Optional<KeyPair> find(String name) {
        return describe(name).stream().filter(k -> k.name().equals(name)).findFirst();
    }

    @Override
    public KeyPair create(KeyPairRequest request) {
        String name = request.name();
        if (find(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a key pair of this name exists");
        }
        Map<String, String> cloudTags = AlibabaTags.encode(request.tags());
        if (request.publicKey() != null) {
            List<com.aliyun.ecs20140526.models.ImportKeyPairRequest.ImportKeyPairRequestTag> tags = new ArrayList<>();
            cloudTags.forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.ImportKeyPairRequest.ImportKeyPairRequestTag().setKey(k).setValue(v)));
            ctx.call(KIND, name, () -> ecs().importKeyPair(new com.aliyun.ecs20140526.models.ImportKeyPairRequest()
                    .setRegionId(ctx.region()).setKeyPairName(name).setPublicKeyBody(request.publicKey())
                    .setTag(tags.isEmpty() ? null : tags)));
            return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the imported key pair is not listed"));
        }
        List<com.aliyun.ecs20140526.models.CreateKeyPairRequest.CreateKeyPairRequestTag> tags = new ArrayList<>();
        cloudTags.forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.CreateKeyPairRequest.CreateKeyPairRequestTag().setKey(k).setValue(v)));
        var body = ctx.call(KIND, name, () -> ecs().createKeyPair(new com.aliyun.ecs20140526.models.CreateKeyPairRequest()
                .setRegionId(ctx.region()).setKeyPairName(name).setTag(tags.isEmpty() ? null : tags)).getBody());
        Secret privateKey = Secret.of(body.getPrivateKeyBody());
        KeyPair listed = find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new key pair is not listed"));
        return new KeyPair(name, name, body.getKeyPairFingerPrint(), listed.publicKey(), privateKey, listed.tags());
    }

    @Override
    public void delete(String name) {
        if (find(name).isEmpty()) {
            throw new NotFoundException(ctx.error(KIND, name), "no key pair of this name");
        }
        ctx.call(KIND, name, () -> ecs().deleteKeyPairs(new com.aliyun.ecs20140526.models.DeleteKeyPairsRequest()
                .setRegionId(ctx.region()).setKeyPairNames("[\"" + name + "\"]")));
    }
}
