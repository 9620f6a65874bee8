package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.Validate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a new MCI, then creates it, estimates its cost or reviews it:
 * <pre>{@code
 * Mci fleet = mc.mci("llm").description("inference")
 *         .subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2)
 *         .subGroup("venus", venus, "m1.small", "ubuntu-22.04", 2)
 *         .onPartialFailure(PartialFailure.ROLLBACK).listener(System.out::println)
 *         .create();
 * }</pre>
 */
public final class MciBuilder {
    private final MciEngine engine;
    private final java.util.function.Function<io.multicloud.api.ConnectionConfig, Cloud> connector;
    private final String name;
    private String description = "";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<SubGroupRequest> subGroups = new ArrayList<>();
    private PartialFailure policy = PartialFailure.CONTINUE;
    private ProgressListener listener = ProgressListener.NONE;
    private io.multicloud.core.remote.RemoteCommand postCreate;

    MciBuilder(MciEngine engine, String name, java.util.function.Function<io.multicloud.api.ConnectionConfig, Cloud> connector) {
        this.engine = engine;
        this.connector = connector;
        this.name = Validate.name("mci name", name);
    }

    /** A description for people. */
    public MciBuilder description(String text) {
        this.description = text == null ? "" : text;
        return this;
    }

    /** A label of the MCI. */
    public MciBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** A dynamic subgroup: {@code size} VMs of this spec and image on this connection. */
    public MciBuilder subGroup(String subGroup, Cloud cloud, String spec, String image, int size) {
        return subGroup(SubGroupRequest.of(subGroup, cloud, spec, image, size));
    }

    /**
     * A dynamic subgroup placed by a catalog spec id {@code driver+region+spec} (such as
     * {@code aws+us-east-2+g6.xlarge}): the connection is opened with the cloud's own credential chain.
     */
    public MciBuilder subGroup(String subGroup, String specId, String image, int size) {
        String[] parts = specId == null ? new String[0] : specId.split("\\+", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new io.multicloud.api.InvalidRequestException("spec id",
                    "expected driver+region+spec, such as aws+us-east-2+g6.xlarge, not '" + specId + "'");
        }
        Cloud cloud = connector.apply(io.multicloud.api.ConnectionConfig.of(parts[0], parts[1]));
        return subGroup(SubGroupRequest.of(subGroup, cloud, parts[2], image, size));
    }

    /** A subgroup, dynamic or static. */
    public MciBuilder subGroup(SubGroupRequest subGroup) {
        subGroups.add(subGroup);
        return this;
    }

    /** What to do when some VMs fail (CONTINUE unless told). */
    public MciBuilder onPartialFailure(PartialFailure value) {
        this.policy = value;
        return this;
    }

    /** Who hears of the progress: of the creation and of every later operation on the MCI. */
    public MciBuilder listener(ProgressListener value) {
        this.listener = value == null ? ProgressListener.NONE : value;
        return this;
    }

    /**
     * Commands to run on every VM once all of them run (to install software as part of
     * provisioning); {@link Mci#postCreate()} reports what they did. They do not undo the MCI
     * when they fail: the VMs stay for the user to look at.
     */
    public MciBuilder postCreate(io.multicloud.core.remote.RemoteCommand commands) {
        this.postCreate = java.util.Objects.requireNonNull(commands, "commands");
        return this;
    }

    /** Creates the MCI: returns when every VM runs or has failed; {@link Mci#creation()} says which. */
    public Mci create() {
        return engine.create(this);
    }

    /** As {@link #create()}, on a virtual thread of its own: the future completes when {@code create()} would return. */
    public java.util.concurrent.CompletableFuture<Mci> createAsync() {
        java.util.concurrent.CompletableFuture<Mci> future = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("mci-create-" + name).start(() -> {
            try {
                future.complete(create());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    List<SubGroupRequest> subGroups() {
        return List.copyOf(subGroups);
    }

    PartialFailure policy() {
        return policy;
    }

    ProgressListener listener() {
        return listener;
    }

    io.multicloud.core.remote.RemoteCommand postCreate() {
        return postCreate;
    }
}
