package io.multicloud.driver.azure.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Azure's REST API description: the swagger 2.0 files of Azure Resource Manager in
 * {@code ../shared/cloud-specs/azure/specification} (compute, disks, SKUs, network, AKS,
 * resources, subscriptions), byte-for-byte copies of {@code Azure/azure-rest-api-specs}. Operations
 * are found by their {@code operationId}; a {@code $ref} resolves across files, relative to the file
 * that holds it.
 */
public final class Swagger {
    /** One operation: where it lives and what it answers. */
    public record Operation(String id, String method, String path, Path file, JsonNode node) {
        /** The response of a status code, or the {@code default} one. */
        public Optional<JsonNode> response(int status) {
            JsonNode responses = node.path("responses");
            JsonNode exact = responses.get(Integer.toString(status));
            return Optional.ofNullable(exact != null ? exact : responses.get("default"));
        }

        public boolean answers(int status) {
            return node.path("responses").has(Integer.toString(status));
        }

        public boolean longRunning() {
            return node.path("x-ms-long-running-operation").asBoolean(false);
        }
    }

    /** A schema node and the file its {@code $ref}s are relative to. */
    public record Schema(JsonNode node, Path file) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Swagger loaded;

    private final Path root;
    private final Map<String, Operation> operations = new HashMap<>();
    private final Map<Path, JsonNode> files = new HashMap<>();

    private Swagger(Path root) {
        this.root = root;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("/examples/")).toList()) {
                JsonNode doc = file(file);
                doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
                    if (!m.getKey().equals("parameters") && m.getValue().has("operationId")) {
                        String id = m.getValue().get("operationId").asText();
                        operations.put(id, new Operation(id, m.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), file, m.getValue()));
                    }
                }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description, read once per test JVM (it never changes). */
    public static Swagger get() {
        Swagger s = loaded;
        if (s == null) {
            synchronized (Swagger.class) {
                s = loaded;
                if (s == null) {
                    s = new Swagger(specificationDir());
                    loaded = s;
                }
            }
        }
        return s;
    }

    /** The folder {@code shared/cloud-specs/azure/specification}, found from the working directory upwards. */
    public static Path specificationDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : List.of(dir.resolve("shared/cloud-specs/azure/specification"),
                    dir.resolveSibling("shared").resolve("cloud-specs/azure/specification"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/cloud-specs/azure/specification above " + Path.of("").toAbsolutePath());
    }

    public Optional<Operation> operation(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    public int size() {
        return operations.size();
    }

    /** Follows {@code $ref}s until a schema without one. */
    public Schema resolve(Schema schema) {
        Schema s = schema;
        int hops = 0;
        while (s.node().has("$ref")) {
            if (hops++ > 50) {
                throw new IllegalStateException("a $ref loop at " + s.node());
            }
            s = ref(s.node().get("$ref").asText(), s.file());
        }
        return s;
    }

    private Schema ref(String ref, Path from) {
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        Path file = filePart.isEmpty() ? from : from.getParent().resolve(filePart).normalize();
        JsonNode node = file(file).at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("unresolved $ref " + ref + " from " + root.relativize(from));
        }
        return new Schema(node, file);
    }

    private JsonNode file(Path file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A path of a file relative to the specification folder, for messages. */
    public String relative(Path file) {
        return root.relativize(file).toString();
    }
}
