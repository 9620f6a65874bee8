package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.Optional;

/**
 * Instances, persistent disks and the project's own images. An instance is inserted
 * PROVISIONING with its boot disk, goes STAGING a step later and RUNNING when its operation is
 * done; stop makes it STOPPING then TERMINATED, start STAGING then RUNNING, delete STOPPING then
 * gone (with its auto-delete disks). GPUs need {@code onHostMaintenance: TERMINATE}. A disk in use
 * cannot be deleted; a disk only grows. Metadata, labels and network tags change only with their
 * current fingerprints.
 */
final class ComputeInstances {
    private static final String P = "projects/" + GcpFake.PROJECT;
    private final GcpFake fake;
    final Store<ObjectNode> instances = new Store<>(8_000_000_000_000_000L);
    final Store<ObjectNode> disks = new Store<>(8_100_000_000_000_000L);
    private int nextIp = 2;

    ComputeInstances(GcpFake fake) {
        this.fake = fake;
        ComputeOps ops = fake.ops;
        fake.on("compute.instances.list", r -> FakeResponse.ok(fake.list("compute#instanceList",
                P + "/zones/" + fake.catalog.requireZone(r) + "/instances", instances.values(i -> inZone(i, r.path("zone"))), r)));
        fake.on("compute.instances.aggregatedList", r -> FakeResponse.ok(fake.aggregated("compute#instanceAggregatedList", "instances",
                P + "/aggregated/instances", instances.values(), i -> "zones/" + Gce.last(i.get("zone").asText()), r)));
        fake.on("compute.instances.get", r -> FakeResponse.ok(instance(r).deepCopy()));
        fake.on("compute.instances.insert", ops.mutation("compute.instances.insert", "insert", ComputeInstances::zoneScope, this::insert));
        fake.on("compute.instances.delete", ops.mutation("compute.instances.delete", "delete", ComputeInstances::zoneScope, this::delete));
        fake.on("compute.instances.stop", ops.mutation("compute.instances.stop", "stop", ComputeInstances::zoneScope,
                r -> transition(r, "STOPPING", "TERMINATED", "RUNNING", "STAGING", "PROVISIONING")));
        fake.on("compute.instances.start", ops.mutation("compute.instances.start", "start", ComputeInstances::zoneScope,
                r -> transition(r, "STAGING", "RUNNING", "TERMINATED")));
        fake.on("compute.instances.reset", ops.mutation("compute.instances.reset", "reset", ComputeInstances::zoneScope,
                r -> transition(r, "RUNNING", "RUNNING", "RUNNING")));
        fake.on("compute.instances.setMetadata", ops.mutation("compute.instances.setMetadata", "setMetadata", ComputeInstances::zoneScope,
                r -> setFingerprinted(r, "metadata", "fingerprint")));
        fake.on("compute.instances.setTags", ops.mutation("compute.instances.setTags", "setTags", ComputeInstances::zoneScope,
                r -> setFingerprinted(r, "tags", "fingerprint")));
        fake.on("compute.instances.setLabels", ops.mutation("compute.instances.setLabels", "setLabels", ComputeInstances::zoneScope,
                this::setLabels));
        fake.on("compute.instances.attachDisk", ops.mutation("compute.instances.attachDisk", "attachDisk", ComputeInstances::zoneScope, this::attach));
        fake.on("compute.instances.detachDisk", ops.mutation("compute.instances.detachDisk", "detachDisk", ComputeInstances::zoneScope, this::detach));

        fake.on("compute.disks.list", r -> FakeResponse.ok(fake.list("compute#diskList", P + "/zones/" + fake.catalog.requireZone(r) + "/disks",
                disks.values(d -> inZone(d, r.path("zone"))), r)));
        fake.on("compute.disks.aggregatedList", r -> FakeResponse.ok(fake.aggregated("compute#diskAggregatedList", "disks",
                P + "/aggregated/disks", disks.values(), d -> "zones/" + Gce.last(d.get("zone").asText()), r)));
        fake.on("compute.disks.get", r -> FakeResponse.ok(disk(r.path("zone"), r.path("disk")).deepCopy()));
        fake.on("compute.disks.insert", ops.mutation("compute.disks.insert", "insert", ComputeInstances::zoneScope, this::insertDisk));
        fake.on("compute.disks.delete", ops.mutation("compute.disks.delete", "delete", ComputeInstances::zoneScope, this::deleteDisk));
        fake.on("compute.disks.resize", ops.mutation("compute.disks.resize", "resize", ComputeInstances::zoneScope, this::resize));
        fake.on("compute.disks.setLabels", ops.mutation("compute.disks.setLabels", "setLabels", ComputeInstances::zoneScope, r -> {
            ObjectNode d = disk(r.path("zone"), r.path("resource"));
            labels(d, r.json());
            return new ComputeOps.Target(P + "/zones/" + r.path("zone") + "/disks/" + r.path("resource"), d.get("id").asText());
        }));

        Store<ObjectNode> own = fake.catalog.images.get(GcpFake.PROJECT);
        fake.on("compute.images.insert", ops.mutation("compute.images.insert", "insert", r -> "global", r -> insertImage(own, r)));
        fake.on("compute.images.delete", ops.mutation("compute.images.delete", "delete", r -> "global", r -> {
            ObjectNode i = own.require(r.path("image"), () -> Gce.notFound(P + "/global/images/" + r.path("image")));
            own.remove(r.path("image"));
            return new ComputeOps.Target(P + "/global/images/" + r.path("image"), i.get("id").asText());
        }));
        fake.on("compute.images.setLabels", ops.mutation("compute.images.setLabels", "setLabels", r -> "global", r -> {
            ObjectNode i = own.require(r.path("resource"), () -> Gce.notFound(P + "/global/images/" + r.path("resource")));
            labels(i, r.json());
            return new ComputeOps.Target(P + "/global/images/" + r.path("resource"), i.get("id").asText());
        }));
    }

    private FakeClock clock() {
        return fake.server().clock();
    }

    private static String zoneScope(FakeRequest r) {
        return "zones/" + r.path("zone");
    }

    private static boolean inZone(ObjectNode item, String zone) {
        return Gce.last(item.get("zone").asText()).equals(zone);
    }

    int count() {
        return instances.size();
    }

    ObjectNode get(String zone, String name) {
        return instances.find(zone + "/" + name).map(ObjectNode::deepCopy).orElse(null);
    }

    private ObjectNode instance(FakeRequest r) {
        return instance(r.path("zone"), r.path("instance"));
    }

    private ObjectNode instance(String zone, String name) {
        return instances.require(zone + "/" + name, () -> Gce.notFound(P + "/zones/" + zone + "/instances/" + name));
    }

    private ObjectNode disk(String zone, String name) {
        return disks.require(zone + "/" + name, () -> Gce.notFound(P + "/zones/" + zone + "/disks/" + name));
    }

    /** The link of an instance using the subnetwork, if any. */
    Optional<String> usingSubnetwork(String subnetworkLink) {
        return instances.values().stream().filter(i -> {
            for (JsonNode nic : i.path("networkInterfaces")) {
                if (nic.path("subnetwork").asText().equals(subnetworkLink)) {
                    return true;
                }
            }
            return false;
        }).map(i -> i.get("selfLink").asText().replace(Gce.BASE, "")).findFirst();
    }

    /** An instance put straight into the store, RUNNING (for paging tests). */
    void seed(String zone, String name) {
        ObjectNode i = Gce.object().put("kind", "compute#instance").put("id", instances.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("machineType", Gce.link(P + "/zones/" + zone + "/machineTypes/e2-micro"))
                .put("status", "RUNNING").put("zone", Gce.link(P + "/zones/" + zone))
                .put("selfLink", Gce.link(P + "/zones/" + zone + "/instances/" + name)).put("cpuPlatform", "Intel Broadwell");
        i.putArray("networkInterfaces").addObject().put("kind", "compute#networkInterface").put("name", "nic0").put("networkIP", nextIp());
        instances.put(zone + "/" + name, i);
    }

    private String nextIp() {
        int n = nextIp++;
        return "10.128." + (n / 250) + "." + (n % 250 + 2);
    }

    private ComputeOps.Target insert(FakeRequest r) {
        String zone = fake.catalog.requireZone(r);
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String link = P + "/zones/" + zone + "/instances/" + name;
        if (instances.contains(zone + "/" + name)) {
            throw Gce.alreadyExists(link);
        }
        String type = Gce.last(body.path("machineType").asText(""));
        if (fake.catalog.machineTypes(zone).stream().noneMatch(m -> m.get("name").asText().equals(type))) {
            throw Gce.invalid("Invalid value for field 'resource.machineType': '" + body.path("machineType").asText() + "'. Machine type with name '" + type + "' does not exist in zone '" + zone + "'.");
        }
        if (!body.path("guestAccelerators").isEmpty() && !"TERMINATE".equals(body.path("scheduling").path("onHostMaintenance").asText())) {
            throw Gce.error(400, "badRequest", "Instances with guest accelerators do not support live migration.");
        }
        JsonNode bootSpec = null;
        for (JsonNode d : body.path("disks")) {
            if (d.path("boot").asBoolean(false)) {
                bootSpec = d;
            }
        }
        if (bootSpec == null || !bootSpec.has("initializeParams")) {
            throw Gce.error(400, "required", "Required field 'resource.disks[0].initializeParams' not specified");
        }
        ObjectNode image = resolveImage(bootSpec.path("initializeParams").path("sourceImage").asText(""));
        if (instances.values().size() >= 0 && disks.contains(zone + "/" + name)) {
            throw Gce.alreadyExists(P + "/zones/" + zone + "/disks/" + name);
        }
        ObjectNode i = Gce.object().put("kind", "compute#instance").put("id", instances.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("machineType", Gce.link(P + "/zones/" + zone + "/machineTypes/" + type))
                .put("status", "PROVISIONING").put("zone", Gce.link(P + "/zones/" + zone)).put("canIpForward", false)
                .put("selfLink", Gce.link(link)).put("cpuPlatform", "Unknown CPU Platform").put("startRestricted", false)
                .put("deletionProtection", false).put("fingerprint", "fp-" + instances.size());
        if (body.has("description")) {
            i.put("description", body.get("description").asText());
        }
        ObjectNode tags = i.putObject("tags");
        if (body.path("tags").has("items")) {
            tags.set("items", body.path("tags").get("items").deepCopy());
        }
        tags.put("fingerprint", "tags-0");
        ArrayNode nics = i.putArray("networkInterfaces");
        int n = 0;
        for (JsonNode nicSpec : body.path("networkInterfaces")) {
            ObjectNode subnetwork = fake.networks.subnetworkByUrl(nicSpec.path("subnetwork").asText(""));
            if (!Gce.last(subnetwork.get("region").asText()).equals(ComputeCatalog.regionOf(zone))) {
                throw Gce.invalid("Invalid value for field 'resource.networkInterfaces[" + n + "].subnetwork': the subnetwork is not in the instance's region.");
            }
            Cidrs.Range range = Cidrs.parse(subnetwork.get("ipCidrRange").asText()).orElseThrow();
            ObjectNode nic = nics.addObject().put("kind", "compute#networkInterface").put("name", "nic" + n)
                    .put("network", subnetwork.get("network").asText()).put("subnetwork", subnetwork.get("selfLink").asText())
                    .put("networkIP", range.host(nextIp++)).put("fingerprint", "nic-fp").put("stackType", "IPV4_ONLY");
            if (nicSpec.has("accessConfigs") && !nicSpec.get("accessConfigs").isEmpty()) {
                nic.putArray("accessConfigs").addObject().put("kind", "compute#accessConfig").put("type", "ONE_TO_ONE_NAT")
                        .put("name", "External NAT").put("natIP", "34.1." + (nextIp / 250) + "." + (nextIp % 250 + 1)).put("networkTier", "PREMIUM");
            }
            n++;
        }
        if (n == 0) {
            throw Gce.error(400, "required", "Required field 'resource.networkInterfaces' not specified");
        }
        ObjectNode metadata = i.putObject("metadata").put("kind", "compute#metadata").put("fingerprint", "md-0");
        metadata.set("items", body.path("metadata").path("items").isArray() ? body.path("metadata").get("items").deepCopy() : Gce.JSON.arrayNode());
        if (body.has("labels")) {
            i.set("labels", body.get("labels").deepCopy());
        }
        i.put("labelFingerprint", "lf-0");
        ObjectNode scheduling = i.putObject("scheduling");
        scheduling.put("onHostMaintenance", body.path("scheduling").path("onHostMaintenance").asText("MIGRATE"))
                .put("automaticRestart", true).put("preemptible", false).put("provisioningModel", "STANDARD");
        if (body.has("guestAccelerators")) {
            ArrayNode gpus = i.putArray("guestAccelerators");
            for (JsonNode g : body.get("guestAccelerators")) {
                gpus.addObject().put("acceleratorType", Gce.link(P + "/zones/" + zone + "/acceleratorTypes/" + Gce.last(g.path("acceleratorType").asText())))
                        .put("acceleratorCount", g.path("acceleratorCount").asInt(1));
            }
        }
        JsonNode params = bootSpec.get("initializeParams");
        long size = params.has("diskSizeGb") ? Long.parseLong(params.get("diskSizeGb").asText()) : Long.parseLong(image.get("diskSizeGb").asText());
        String diskType = Gce.last(params.path("diskType").asText("pd-standard"));
        ObjectNode boot = newDisk(zone, name, size, diskType, image.get("selfLink").asText());
        boot.putArray("users").add(Gce.link(link));
        boot.put("status", "READY");
        disks.put(zone + "/" + name, boot);
        i.putArray("disks").addObject().put("kind", "compute#attachedDisk").put("type", "PERSISTENT").put("mode", "READ_WRITE")
                .put("source", boot.get("selfLink").asText()).put("deviceName", "persistent-disk-0").put("index", 0)
                .put("boot", true).put("autoDelete", bootSpec.path("autoDelete").asBoolean(true)).put("interface", "SCSI")
                .put("diskSizeGb", Long.toString(size)).put("architecture", image.path("architecture").asText("X86_64"));
        instances.put(zone + "/" + name, i);
        clock().later(1, () -> {
            if ("PROVISIONING".equals(i.get("status").asText())) {
                i.put("status", "STAGING");
            }
        });
        return new ComputeOps.Target(link, i.get("id").asText(), () -> {
            if ("STAGING".equals(i.get("status").asText()) || "PROVISIONING".equals(i.get("status").asText())) {
                i.put("status", "RUNNING").put("lastStartTimestamp", Gce.now());
            }
        }, () -> {
            instances.remove(zone + "/" + name);
            disks.remove(zone + "/" + name);
        });
    }

    private ObjectNode resolveImage(String url) {
        String[] parts = url.split("/");
        int projects = java.util.Arrays.asList(parts).indexOf("projects");
        if (projects < 0 || parts.length < projects + 5) {
            throw Gce.invalid("Invalid value for field 'resource.disks[0].initializeParams.sourceImage': '" + url + "'.");
        }
        String project = parts[projects + 1];
        Store<ObjectNode> store = fake.catalog.images.get(project);
        boolean family = "family".equals(parts[parts.length - 2]);
        String name = parts[parts.length - 1];
        Optional<ObjectNode> found = store == null ? Optional.empty() : family
                ? store.values(i -> name.equals(i.path("family").asText()) && "READY".equals(i.path("status").asText())).stream().reduce((a, b) -> b)
                : store.find(name);
        return found.orElseThrow(() -> Gce.error(400, "invalid", "Invalid value for field 'resource.disks[0].initializeParams.sourceImage': '"
                + url + "'. The referenced image resource cannot be found."));
    }

    private ObjectNode newDisk(String zone, String name, long sizeGb, String type, String sourceImage) {
        ObjectNode d = Gce.object().put("kind", "compute#disk").put("id", disks.nextId()).put("creationTimestamp", Gce.now())
                .put("name", name).put("sizeGb", Long.toString(sizeGb)).put("zone", Gce.link(P + "/zones/" + zone))
                .put("status", "CREATING").put("selfLink", Gce.link(P + "/zones/" + zone + "/disks/" + name))
                .put("type", Gce.link(P + "/zones/" + zone + "/diskTypes/" + type)).put("physicalBlockSizeBytes", "4096")
                .put("labelFingerprint", "lf-0");
        if (sourceImage != null) {
            d.put("sourceImage", sourceImage);
        }
        return d;
    }

    private ComputeOps.Target delete(FakeRequest r) {
        ObjectNode i = instance(r);
        String zone = r.path("zone");
        String name = r.path("instance");
        i.put("status", "STOPPING");
        return new ComputeOps.Target(P + "/zones/" + zone + "/instances/" + name, i.get("id").asText(), () -> {
            instances.remove(zone + "/" + name);
            for (JsonNode attached : i.path("disks")) {
                disks.find(zone + "/" + Gce.last(attached.path("source").asText())).ifPresent(d -> {
                    if (attached.path("autoDelete").asBoolean()) {
                        disks.remove(zone + "/" + d.get("name").asText());
                    } else {
                        d.remove("users");
                    }
                });
            }
        }, () -> { });
    }

    private ComputeOps.Target transition(FakeRequest r, String during, String after, String... from) {
        ObjectNode i = instance(r);
        String status = i.get("status").asText();
        if (!java.util.List.of(from).contains(status)) {
            throw Gce.error(400, "resourceNotReady", "The resource '" + P + "/zones/" + r.path("zone") + "/instances/"
                    + r.path("instance") + "' is not ready (it is " + status + ")");
        }
        i.put("status", during);
        if (during.equals("STOPPING")) {
            i.put("lastStopTimestamp", Gce.now());
        }
        return new ComputeOps.Target(P + "/zones/" + r.path("zone") + "/instances/" + r.path("instance"), i.get("id").asText(),
                () -> {
                    if (during.equals(i.get("status").asText())) {
                        i.put("status", after);
                        if (after.equals("RUNNING")) {
                            i.put("lastStartTimestamp", Gce.now());
                        }
                    }
                }, () -> i.put("status", status));
    }

    private ComputeOps.Target setFingerprinted(FakeRequest r, String field, String fingerprintField) {
        ObjectNode i = instance(r);
        JsonNode body = r.json();
        ObjectNode current = (ObjectNode) i.get(field);
        if (!body.path(fingerprintField).asText("").equals(current.path(fingerprintField).asText())) {
            throw Gce.error(412, "conditionNotMet", "Supplied fingerprint does not match current " + field + " fingerprint.");
        }
        ObjectNode next = body.deepCopy();
        next.put(fingerprintField, field + "-" + System.nanoTime());
        if (field.equals("metadata")) {
            next.put("kind", "compute#metadata");
        }
        i.set(field, next);
        return new ComputeOps.Target(P + "/zones/" + r.path("zone") + "/instances/" + r.path("instance"), i.get("id").asText());
    }

    private ComputeOps.Target setLabels(FakeRequest r) {
        ObjectNode i = instance(r);
        labels(i, r.json());
        return new ComputeOps.Target(P + "/zones/" + r.path("zone") + "/instances/" + r.path("instance"), i.get("id").asText());
    }

    private static void labels(ObjectNode resource, JsonNode body) {
        if (!body.path("labelFingerprint").asText("").equals(resource.path("labelFingerprint").asText())) {
            throw Gce.error(412, "conditionNotMet", "Labels fingerprint either invalid or resource labels have changed");
        }
        body.path("labels").fields().forEachRemaining(e -> {
            if (!e.getKey().matches("[a-z][a-z0-9_-]{0,62}") || !e.getValue().asText().matches("[a-z0-9_-]{0,63}")) {
                throw Gce.invalid("Invalid value for field 'labels': '" + e.getKey() + "'. Label keys and values may hold lower-case letters, digits, '_' and '-'.");
            }
        });
        if (body.path("labels").isEmpty()) {
            resource.remove("labels");
        } else {
            resource.set("labels", body.get("labels").deepCopy());
        }
        resource.put("labelFingerprint", "lf-" + System.nanoTime());
    }

    private ComputeOps.Target attach(FakeRequest r) {
        ObjectNode i = instance(r);
        String zone = r.path("zone");
        String source = r.json().path("source").asText("");
        ObjectNode d = disks.find(zone + "/" + Gce.last(source)).orElseThrow(() -> Gce.invalid(
                "Invalid value for field 'resource.source': '" + source + "'. The referenced disk resource cannot be found."));
        if (d.has("users") && !d.get("users").isEmpty()) {
            throw Gce.error(400, "resourceInUseByAnotherResource", "The disk resource '" + d.get("selfLink").asText().replace(Gce.BASE, "")
                    + "' is already being used by '" + Gce.last(d.get("users").get(0).asText()) + "'");
        }
        ArrayNode attached = (ArrayNode) i.get("disks");
        String device = r.json().path("deviceName").asText(d.get("name").asText());
        attached.addObject().put("kind", "compute#attachedDisk").put("type", "PERSISTENT").put("mode", "READ_WRITE")
                .put("source", d.get("selfLink").asText()).put("deviceName", device).put("index", attached.size())
                .put("boot", false).put("autoDelete", r.json().path("autoDelete").asBoolean(false)).put("interface", "SCSI")
                .put("diskSizeGb", d.get("sizeGb").asText());
        d.putArray("users").add(i.get("selfLink").asText());
        return new ComputeOps.Target(P + "/zones/" + zone + "/instances/" + r.path("instance"), i.get("id").asText());
    }

    private ComputeOps.Target detach(FakeRequest r) {
        ObjectNode i = instance(r);
        String device = r.query("deviceName").orElseThrow(() -> Gce.error(400, "required", "Required parameter 'deviceName' not specified"));
        ArrayNode attached = (ArrayNode) i.get("disks");
        for (int k = 0; k < attached.size(); k++) {
            if (attached.get(k).path("deviceName").asText().equals(device)) {
                String zone = r.path("zone");
                disks.find(zone + "/" + Gce.last(attached.get(k).path("source").asText())).ifPresent(d -> d.remove("users"));
                attached.remove(k);
                return new ComputeOps.Target(P + "/zones/" + zone + "/instances/" + r.path("instance"), i.get("id").asText());
            }
        }
        throw Gce.invalid("Invalid value for field 'deviceName': '" + device + "'. No attached disk found with this device name.");
    }

    private ComputeOps.Target insertDisk(FakeRequest r) {
        String zone = fake.catalog.requireZone(r);
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        long size = Long.parseLong(body.path("sizeGb").asText("500"));
        ObjectNode d = newDisk(zone, name, size, Gce.last(body.path("type").asText("pd-standard")), null);
        if (body.has("labels")) {
            d.set("labels", body.get("labels").deepCopy());
        }
        if (body.has("description")) {
            d.put("description", body.get("description").asText());
        }
        disks.insert(zone + "/" + name, d, () -> Gce.alreadyExists(P + "/zones/" + zone + "/disks/" + name));
        return new ComputeOps.Target(P + "/zones/" + zone + "/disks/" + name, d.get("id").asText(), () -> d.put("status", "READY"),
                () -> disks.remove(zone + "/" + name));
    }

    private ComputeOps.Target deleteDisk(FakeRequest r) {
        String zone = r.path("zone");
        ObjectNode d = disk(zone, r.path("disk"));
        if (d.has("users") && !d.get("users").isEmpty()) {
            throw Gce.inUse(P + "/zones/" + zone + "/disks/" + r.path("disk"), d.get("users").get(0).asText().replace(Gce.BASE, ""));
        }
        d.put("status", "DELETING");
        return new ComputeOps.Target(P + "/zones/" + zone + "/disks/" + r.path("disk"), d.get("id").asText(),
                () -> disks.remove(zone + "/" + r.path("disk")), () -> { });
    }

    private ComputeOps.Target resize(FakeRequest r) {
        String zone = r.path("zone");
        ObjectNode d = disk(zone, r.path("disk"));
        long size = Long.parseLong(r.json().path("sizeGb").asText("0"));
        if (size <= Long.parseLong(d.get("sizeGb").asText())) {
            throw Gce.invalid("Invalid value for field 'sizeGb': '" + size + "'. New disk size '" + size
                    + "' GiB must be larger than existing size '" + d.get("sizeGb").asText() + "' GiB.");
        }
        d.put("sizeGb", Long.toString(size));
        return new ComputeOps.Target(P + "/zones/" + zone + "/disks/" + r.path("disk"), d.get("id").asText());
    }

    private ComputeOps.Target insertImage(Store<ObjectNode> own, FakeRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText(null);
        Gce.requireName(name);
        String source = body.path("sourceDisk").asText("");
        String[] parts = source.split("/");
        if (parts.length < 4) {
            throw Gce.error(400, "required", "Required field 'resource.sourceDisk' not specified");
        }
        ObjectNode disk = disks.find(parts[parts.length - 3] + "/" + parts[parts.length - 1]).orElseThrow(() -> Gce.invalid(
                "Invalid value for field 'resource.sourceDisk': '" + source + "'. The referenced disk resource cannot be found."));
        ObjectNode image = ComputeCatalog.image(GcpFake.PROJECT, name, body.path("family").asText(null), "X86_64",
                body.path("description").asText(""), own.nextId());
        image.put("status", "PENDING").put("sourceDisk", disk.get("selfLink").asText()).put("sourceDiskId", disk.get("id").asText())
                .put("diskSizeGb", disk.get("sizeGb").asText()).put("labelFingerprint", "lf-0");
        if (body.has("labels")) {
            image.set("labels", body.get("labels").deepCopy());
        }
        own.insert(name, image, () -> Gce.alreadyExists(P + "/global/images/" + name));
        return new ComputeOps.Target(P + "/global/images/" + name, image.get("id").asText(), () -> image.put("status", "READY"),
                () -> own.remove(name));
    }
}
