package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TransientCloudException;
import io.multicloud.spi.MyImageService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.openstack.image.v2.domain.PatchOperation;
import org.openstack4j.openstack.image.v2.domain.PatchOperation.OperationType;

/**
 * The user's own images: Nova snapshots of the project's servers (createImage), kept by Glance.
 * Nova writes the request's metadata into the image's properties in the same call, so the image
 * is marked from its first moment: the user's tags as properties, {@code multicloud:managed=true},
 * {@code multicloud:source-vm} (the VM's name) and {@code multicloud:tags}, the list of the user's
 * tag keys (a snapshot also inherits its base image's properties and Nova's own, such as
 * {@code base_image_ref}: the list tells the user's tags from those). Listings show every image
 * the project owns, those made elsewhere too (named by their name when valid, else their id;
 * without the marker, so delete refuses them and forceDelete deletes them). Status: queued, saving, uploading, importing →
 * CREATING; active → AVAILABLE; killed, deactivated, deleted → FAILED.
 *
 * <p>Tag keys follow Nova's metadata rule (letters, digits, {@code - _ : .} and space, at most
 * 255 characters), values at most 255 characters, and all keys together fit one 255-character
 * property; keys under {@code multicloud:} are the library's own.
 */
final class OpenStackMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    /** The property marking an image this library made. */
    static final String MANAGED = "multicloud:managed";
    /** The property naming the VM an image was made from. */
    static final String SOURCE_VM = "multicloud:source-vm";
    /** The property listing the user's tag keys, comma-separated. */
    static final String TAG_KEYS = "multicloud:tags";
    private static final Pattern NOVA_KEY = Pattern.compile("[a-zA-Z0-9-_:. ]{1,255}");
    private static final int MAX_VALUE = 255;
    private static final Duration PATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;

    OpenStackMyImages(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
    }

    @Override
    public List<MyImage> list() {
        return owned(null).stream().map(OpenStackMyImages::toRecord).sorted(Comparator.comparing(MyImage::name)).toList();
    }

    @Override
    public Optional<MyImage> find(String name) {
        return image(name).map(OpenStackMyImages::toRecord);
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        checkTags(name, request.tags(), request.tags().keySet());
        // Glance lets names repeat; this library keeps a project's image names unique.
        if (!OpenStackImages.glance(ctx, KIND, name, Map.of("owner", ctx.projectId(), "name", name)).isEmpty()) {
            throw ctx.errors().taken(KIND, name);
        }
        String serverId = lookups.requireServer(request.sourceVm()).getId();
        Map<String, String> metadata = new LinkedHashMap<>(request.tags());
        metadata.put(MANAGED, "true");
        metadata.put(SOURCE_VM, request.sourceVm());
        if (!request.tags().isEmpty()) {
            metadata.put(TAG_KEYS, keyList(request.tags().keySet()));
        }
        String id = ctx.errors().call(KIND, name, () -> ctx.client().compute().servers().createSnapshot(serverId, name, metadata));
        Optional<MyImage> made = id == null ? find(name)
                : Optional.ofNullable(ctx.errors().call(KIND, name, () -> ctx.client().imagesV2().get(id))).map(OpenStackMyImages::toRecord);
        return made.orElse(new MyImage(name, id, request.sourceVm(), MyImageStatus.CREATING, Instant.now(), request.tags()));
    }

    @Override
    public void delete(String name) {
        Image image = requireImage(name);
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().imagesV2().delete(image.getId())), KIND, name);
    }

    /** The user's tags of a my-image. */
    Map<String, String> tagsOf(String name) {
        return userTags(requireImage(name));
    }

    /** Adds or overwrites tags of a my-image (Glance properties, with the key list kept up to date). */
    void tag(String name, Map<String, String> tags) {
        Image image = requireImage(name);
        Set<String> keys = new TreeSet<>(userTags(image).keySet());
        keys.addAll(tags.keySet());
        checkTags(name, tags, keys);
        List<PatchOperation> ops = new ArrayList<>();
        tags.forEach((k, v) -> ops.add(set(image, k, v)));
        ops.add(set(image, TAG_KEYS, keyList(keys)));
        patch(image, name, ops);
    }

    /** Removes tags of a my-image by key; keys it does not carry are ignored. */
    void untag(String name, Set<String> keys) {
        Image image = requireImage(name);
        Map<String, String> user = userTags(image);
        List<PatchOperation> ops = new ArrayList<>();
        keys.stream().filter(user::containsKey)
                .forEach(k -> ops.add(new PatchOperation(OperationType.REMOVE, pointer(k))));
        if (ops.isEmpty()) {
            return;
        }
        Set<String> left = new TreeSet<>(user.keySet());
        left.removeAll(keys);
        ops.add(left.isEmpty() ? new PatchOperation(OperationType.REMOVE, pointer(TAG_KEYS)) : set(image, TAG_KEYS, keyList(left)));
        patch(image, name, ops);
    }

    /** The project's images, with this name or all (name null). */
    private List<Image> owned(String name) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("owner", ctx.projectId());
        if (name != null) {
            filters.put("name", name);
        }
        return OpenStackImages.glance(ctx, KIND, name, filters);
    }

    /** The project's images this library made, with this name or all (name null). */
    List<Image> managed(String name) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("owner", ctx.projectId());
        filters.put(MANAGED, "true");
        if (name != null) {
            filters.put("name", name);
        }
        return OpenStackImages.glance(ctx, KIND, name, filters);
    }

    /** The user's tags among an image's properties: the keys {@code multicloud:tags} lists. */
    static Map<String, String> userTags(Image image) {
        String listed = image.getAdditionalPropertyValue(TAG_KEYS);
        Map<String, String> out = new LinkedHashMap<>();
        if (listed == null || listed.isBlank()) {
            return out;
        }
        for (String key : listed.split(",")) {
            String value = image.getAdditionalPropertyValue(key);
            if (!key.isEmpty() && value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    static MyImageStatus status(Image.ImageStatus status) {
        if (status == null) {
            return MyImageStatus.CREATING;
        }
        return switch (status) {
            case ACTIVE -> MyImageStatus.AVAILABLE;
            // UNRECOGNIZED: Glance's newer uploading and importing states, still on the way.
            case QUEUED, SAVING, UNRECOGNIZED -> MyImageStatus.CREATING;
            default -> MyImageStatus.FAILED;
        };
    }

    private static MyImage toRecord(Image i) {
        return new MyImage(OpenStackNames.of(i.getName(), i.getId()), i.getId(), i.getAdditionalPropertyValue(SOURCE_VM), status(i.getStatus()),
                i.getCreatedAt() == null ? null : i.getCreatedAt().toInstant(), userTags(i));
    }

    /** The project's image of this name, else of this id. */
    private Optional<Image> image(String nameOrId) {
        if (OpenStackNames.valid(nameOrId)) {
            Optional<Image> named = owned(nameOrId).stream().filter(i -> nameOrId.equals(i.getName())).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        if (!OpenStackLookups.looksLikeId(nameOrId)) {
            return Optional.empty();
        }
        Image byId = ctx.errors().call(KIND, nameOrId, () -> ctx.client().imagesV2().get(nameOrId));
        return Optional.ofNullable(byId).filter(i -> ctx.projectId().equals(i.getOwner())).map(i -> (Image) i);
    }

    private Image requireImage(String name) {
        return image(name).orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    /**
     * Sends a JSON patch to Glance. Done over plain HTTP: openstack4j's OkHttp connector sends its
     * image patch as application/json, which Glance refuses (415).
     */
    private void patch(Image image, String name, List<PatchOperation> ops) {
        ArrayNode body = JSON.createArrayNode();
        for (PatchOperation op : ops) {
            ObjectNode node = body.addObject().put("op", op.getOp().value()).put("path", op.getPath());
            if (op.getValue() != null) {
                node.put("value", String.valueOf(op.getValue()));
            }
        }
        String base = ctx.session().endpoint("image").orElseThrow(() -> ctx.errors().map(404,
                "the catalog has no image service in this region", KIND, name, null)).replaceAll("/+$", "");
        URI uri = URI.create(base + (base.endsWith("/v2") ? "" : "/v2") + "/images/" + image.getId());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(PATCH_TIMEOUT)
                .header("X-Auth-Token", ctx.session().token().getId())
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(PATCH_TIMEOUT).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw ctx.errors().map(response.statusCode(), response.body(), KIND, name, null);
            }
        } catch (IOException e) {
            throw new TransientCloudException(ErrorContext.of(ctx.config().name(), KIND, name), "no answer from Glance: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientCloudException(ErrorContext.of(ctx.config().name(), KIND, name), "interrupted", e);
        }
    }

    /** JSON-patch "add" for a new property, "replace" for one the image has (Glance refuses to add an existing one). */
    private static PatchOperation set(Image image, String key, String value) {
        OperationType op = image.getAdditionalPropertyValue(key) == null ? OperationType.ADD : OperationType.REPLACE;
        return new PatchOperation(op, pointer(key), value);
    }

    private static String pointer(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static String keyList(Set<String> keys) {
        return new TreeSet<>(keys).stream().collect(Collectors.joining(","));
    }

    /** Refuses, before any call, tags that Nova or the key list could not hold. */
    private void checkTags(String name, Map<String, String> tags, Set<String> allKeys) {
        ErrorContext where = ErrorContext.of(ctx.config().name(), KIND, name);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (TagStrings.isOwn(tag.getKey())) {
                throw new InvalidRequestException(where, "tags", "'" + tag.getKey() + "' belongs to the library");
            }
            if (!NOVA_KEY.matcher(tag.getKey()).matches()) {
                throw new InvalidRequestException(where, "tags", "an image tag key may hold letters, digits, '-', '_', ':', '.'"
                        + " and spaces only, up to 255 characters, not '" + tag.getKey() + "'");
            }
            if (tag.getValue().length() > MAX_VALUE) {
                throw new InvalidRequestException(where, "tags", "the value of '" + tag.getKey() + "' is longer than 255 characters");
            }
        }
        if (keyList(allKeys).length() > MAX_VALUE) {
            throw new InvalidRequestException(where, "tags", "an image's tag keys may take 255 characters together, these take "
                    + keyList(allKeys).length() + ": " + Arrays.toString(allKeys.toArray()));
        }
    }
}
