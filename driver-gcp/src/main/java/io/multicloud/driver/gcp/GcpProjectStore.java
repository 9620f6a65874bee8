package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.GetProjectRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.SetCommonInstanceMetadataProjectRequest;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ResourceKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the library keeps in the project itself, in the project's common metadata, so that
 * every process sees it: key pairs ({@code multicloud-key-<name>}, the public half and its tags;
 * GCE has no key pair resource) and the tags of resources that cannot hold changing tags
 * themselves ({@code multicloud-tags-<kind>-<name>}: a network's description cannot change after
 * creation). Items not the library's (a user's {@code ssh-keys}...) are kept as they are.
 * A change is made with the metadata's fingerprint and tried again when another writer came
 * first (412 conditionNotMet).
 */
final class GcpProjectStore {
    static final String KEY_PREFIX = "multicloud-key-";
    static final String TAGS_PREFIX = "multicloud-tags-";
    private static final int ATTEMPTS = 6;

    private final GcpContext ctx;

    GcpProjectStore(GcpContext ctx) {
        this.ctx = ctx;
    }

    /** Every item of the project's metadata (one call). */
    Map<String, String> items() {
        return toMap(metadata());
    }

    private Metadata metadata() {
        return ctx.errors().call(null, null, () -> ctx.clients().projects.get()
                .get(GetProjectRequest.newBuilder().setProject(ctx.project()).build()).getCommonInstanceMetadata());
    }

    private static Map<String, String> toMap(Metadata m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.getItemsList().forEach(i -> out.put(i.getKey(), i.getValue()));
        return out;
    }

    Optional<String> item(String key) {
        return Optional.ofNullable(items().get(key));
    }

    /** Changes the items (the function returns the new map; null values remove). */
    void update(ResourceKind kind, String name, UnaryOperator<Map<String, String>> change) {
        for (int attempt = 1; ; attempt++) {
            Metadata current = metadata();
            Map<String, String> next = change.apply(toMap(current));
            Metadata.Builder m = Metadata.newBuilder().setFingerprint(current.getFingerprint());
            next.forEach((k, v) -> {
                if (v != null) {
                    m.addItems(Items.newBuilder().setKey(k).setValue(v));
                }
            });
            try {
                ctx.operations().await(kind, name, () -> ctx.clients().projects.get().setCommonInstanceMetadataAsync(
                        SetCommonInstanceMetadataProjectRequest.newBuilder().setProject(ctx.project())
                                .setMetadataResource(m.build()).setRequestId(GcpOperations.requestId()).build()));
                return;
            } catch (ConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The item key of a resource's tags. */
    static String tagsKey(ResourceKind kind, String name) {
        return TAGS_PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + name;
    }
}
