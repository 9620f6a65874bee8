package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What GCE offers before anything is made: regions and zones, machine types and accelerator
 * types per zone, and the images of the public image projects (plus the project's own images,
 * which {@link ComputeInstances} makes). Seeded with a small, real-looking slice of the catalog.
 */
final class ComputeCatalog {
    static final Map<String, List<String>> REGIONS = new LinkedHashMap<>();

    static {
        REGIONS.put("us-central1", List.of("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"));
        REGIONS.put("europe-west4", List.of("europe-west4-a", "europe-west4-b", "europe-west4-c"));
        REGIONS.put("asia-northeast1", List.of("asia-northeast1-a", "asia-northeast1-b", "asia-northeast1-c"));
    }

    /** name, vCPUs, memory MB, architecture, built-in GPU type, GPU count. */
    private record Type(String name, int cpus, int memoryMb, String arch, String gpu, int gpus) {
    }

    private static final List<Type> TYPES = List.of(
            new Type("e2-micro", 2, 1024, "X86_64", null, 0), new Type("e2-small", 2, 2048, "X86_64", null, 0),
            new Type("e2-medium", 2, 4096, "X86_64", null, 0), new Type("e2-standard-2", 2, 8192, "X86_64", null, 0),
            new Type("e2-standard-4", 4, 16384, "X86_64", null, 0), new Type("n1-standard-4", 4, 15360, "X86_64", null, 0),
            new Type("n1-standard-8", 8, 30720, "X86_64", null, 0), new Type("n2-standard-2", 2, 8192, "X86_64", null, 0),
            new Type("t2a-standard-1", 1, 4096, "ARM64", null, 0),
            new Type("g2-standard-4", 4, 16384, "X86_64", "nvidia-l4", 1),
            new Type("a2-highgpu-1g", 12, 87040, "X86_64", "nvidia-tesla-a100", 1),
            new Type("a3-highgpu-8g", 208, 1916928, "X86_64", "nvidia-h100-80gb", 8));

    /** Attachable accelerator types: name, description, most cards per instance. */
    private static final List<String[]> ACCELERATORS = List.of(
            new String[] {"nvidia-tesla-t4", "NVIDIA T4", "4"}, new String[] {"nvidia-l4", "NVIDIA L4", "8"},
            new String[] {"nvidia-tesla-a100", "NVIDIA A100 40GB", "16"}, new String[] {"nvidia-h100-80gb", "NVIDIA H100 80GB", "8"});

    /** Public images: project, name, family, architecture, description. Older images of a family come first. */
    private static final List<String[]> PUBLIC_IMAGES = List.of(
            new String[] {"ubuntu-os-cloud", "ubuntu-2204-jammy-v20240101", "ubuntu-2204-lts", "X86_64", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image built on 2024-01-01"},
            new String[] {"ubuntu-os-cloud", "ubuntu-2204-jammy-v20240614", "ubuntu-2204-lts", "X86_64", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image built on 2024-06-14"},
            new String[] {"ubuntu-os-cloud", "ubuntu-2204-jammy-arm64-v20240614", "ubuntu-2204-lts-arm64", "ARM64", "Canonical, Ubuntu, 22.04 LTS, arm64 jammy image built on 2024-06-14"},
            new String[] {"ubuntu-os-cloud", "ubuntu-2404-noble-amd64-v20240701", "ubuntu-2404-lts-amd64", "X86_64", "Canonical, Ubuntu, 24.04 LTS, amd64 noble image built on 2024-07-01"},
            new String[] {"debian-cloud", "debian-12-bookworm-v20240709", "debian-12", "X86_64", "Debian, Debian GNU/Linux, 12 (bookworm), amd64 built on 20240709"},
            new String[] {"debian-cloud", "debian-11-bullseye-v20240709", "debian-11", "X86_64", "Debian, Debian GNU/Linux, 11 (bullseye), amd64 built on 20240709"},
            new String[] {"rocky-linux-cloud", "rocky-linux-9-v20240709", "rocky-linux-9", "X86_64", "Rocky Linux, Rocky Linux, 9, x86_64 built on 20240709"},
            new String[] {"windows-cloud", "windows-server-2022-dc-v20240709", "windows-2022", "X86_64", "Microsoft, Windows Server, 2022 Datacenter, x64 built on 20240709"},
            new String[] {"deeplearning-platform-release", "common-cu121-v20240708-debian-11", "common-cu121-debian-11", "X86_64", "Google, Deep Learning VM with CUDA 12.1, M123, Debian 11, Python 3.10"},
            new String[] {"deeplearning-platform-release", "pytorch-latest-gpu-v20240708-debian-11", "pytorch-latest-gpu-debian-11", "X86_64", "Google, Deep Learning VM for PyTorch 2.3 with CUDA 12.1, M123, Debian 11"});

    private final GcpFake fake;
    final Map<String, Store<ObjectNode>> images = new LinkedHashMap<>();

    ComputeCatalog(GcpFake fake) {
        this.fake = fake;
        for (String[] i : PUBLIC_IMAGES) {
            Store<ObjectNode> store = images.computeIfAbsent(i[0], p -> new Store<>(4_000_000_000_000_000L));
            store.put(i[1], image(i[0], i[1], i[2], i[3], i[4], store.nextId()));
        }
        images.computeIfAbsent(GcpFake.PROJECT, p -> new Store<>(5_000_000_000_000_000L));
        fake.on("compute.regions.list", r -> FakeResponse.ok(fake.list("compute#regionList", "projects/" + GcpFake.PROJECT + "/regions", regions(), r)));
        fake.on("compute.regions.get", r -> FakeResponse.ok(regions().stream().filter(x -> x.get("name").asText().equals(r.path("region")))
                .findFirst().orElseThrow(() -> Gce.notFound("projects/" + GcpFake.PROJECT + "/regions/" + r.path("region")))));
        fake.on("compute.zones.list", r -> FakeResponse.ok(fake.list("compute#zoneList", "projects/" + GcpFake.PROJECT + "/zones", zones(), r)));
        fake.on("compute.zones.get", r -> FakeResponse.ok(zone(r.path("zone"))));
        fake.on("compute.machineTypes.list", r -> FakeResponse.ok(fake.list("compute#machineTypeList",
                "projects/" + GcpFake.PROJECT + "/zones/" + requireZone(r) + "/machineTypes", machineTypes(requireZone(r)), r)));
        fake.on("compute.machineTypes.get", r -> FakeResponse.ok(machineTypes(requireZone(r)).stream()
                .filter(m -> m.get("name").asText().equals(r.path("machineType"))).findFirst()
                .orElseThrow(() -> Gce.notFound("projects/" + GcpFake.PROJECT + "/zones/" + r.path("zone") + "/machineTypes/" + r.path("machineType")))));
        fake.on("compute.acceleratorTypes.list", r -> FakeResponse.ok(fake.list("compute#acceleratorTypeList",
                "projects/" + GcpFake.PROJECT + "/zones/" + requireZone(r) + "/acceleratorTypes", acceleratorTypes(requireZone(r)), r)));
        fake.on("compute.images.list", r -> FakeResponse.ok(fake.list("compute#imageList",
                "projects/" + r.path("project") + "/global/images", projectImages(r.path("project")).values(), r)));
        fake.on("compute.images.get", r -> FakeResponse.ok(projectImages(r.path("project")).require(r.path("image"),
                () -> Gce.notFound("projects/" + r.path("project") + "/global/images/" + r.path("image"))).deepCopy()));
        fake.on("compute.images.getFromFamily", r -> FakeResponse.ok(newest(r.path("project"), r.path("family"))));
    }

    private Store<ObjectNode> projectImages(String project) {
        Store<ObjectNode> store = images.get(project);
        if (store == null) {
            throw Gce.notFound("projects/" + project);
        }
        return store;
    }

    private ObjectNode newest(String project, String family) {
        List<ObjectNode> members = projectImages(project).values(i -> family.equals(i.path("family").asText())
                && !i.has("deprecated") && "READY".equals(i.path("status").asText()));
        if (members.isEmpty()) {
            throw Gce.notFound("projects/" + project + "/global/images/family/" + family);
        }
        return members.getLast().deepCopy();
    }

    static ObjectNode image(String project, String name, String family, String arch, String description, String id) {
        ObjectNode i = Gce.object().put("kind", "compute#image").put("id", id).put("creationTimestamp", Gce.now())
                .put("name", name).put("description", description).put("sourceType", "RAW").put("status", "READY")
                .put("archiveSizeBytes", "2000000000").put("diskSizeGb", name.startsWith("windows") ? "50" : "10")
                .put("architecture", arch).put("selfLink", Gce.link("projects/" + project + "/global/images/" + name));
        if (family != null) {
            i.put("family", family);
        }
        i.putArray("guestOsFeatures").addObject().put("type", "VIRTIO_SCSI_MULTIQUEUE");
        return i;
    }

    String requireZone(FakeRequest r) {
        String zone = r.path("zone");
        zone(zone);
        return zone;
    }

    static String regionOf(String zone) {
        return zone.substring(0, zone.lastIndexOf('-'));
    }

    private List<ObjectNode> regions() {
        List<ObjectNode> out = new ArrayList<>();
        int n = 1000;
        for (Map.Entry<String, List<String>> e : REGIONS.entrySet()) {
            ObjectNode r = Gce.object().put("kind", "compute#region").put("id", Integer.toString(n++))
                    .put("creationTimestamp", "1969-12-31T16:00:00.000-08:00").put("name", e.getKey())
                    .put("description", e.getKey()).put("status", "UP")
                    .put("selfLink", Gce.link("projects/" + GcpFake.PROJECT + "/regions/" + e.getKey()));
            e.getValue().forEach(z -> ((com.fasterxml.jackson.databind.node.ArrayNode) (r.has("zones") ? r.get("zones") : r.putArray("zones")))
                    .add(Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + z)));
            r.putArray("quotas").addObject().put("metric", "CPUS").put("limit", 24.0).put("usage", 0.0);
            out.add(r);
        }
        return out;
    }

    private List<ObjectNode> zones() {
        List<ObjectNode> out = new ArrayList<>();
        int n = 2000;
        for (Map.Entry<String, List<String>> e : REGIONS.entrySet()) {
            for (String z : e.getValue()) {
                out.add(Gce.object().put("kind", "compute#zone").put("id", Integer.toString(n++))
                        .put("creationTimestamp", "1969-12-31T16:00:00.000-08:00").put("name", z).put("description", z)
                        .put("status", "UP").put("region", Gce.link("projects/" + GcpFake.PROJECT + "/regions/" + e.getKey()))
                        .put("selfLink", Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + z)));
            }
        }
        return out;
    }

    ObjectNode zone(String name) {
        return zones().stream().filter(z -> z.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> Gce.error(400, "invalid", "Invalid value for field 'zone': '" + name + "'. Unknown zone."));
    }

    List<ObjectNode> machineTypes(String zone) {
        List<ObjectNode> out = new ArrayList<>();
        int n = 3000;
        for (Type t : TYPES) {
            ObjectNode m = Gce.object().put("kind", "compute#machineType").put("id", Integer.toString(n++))
                    .put("creationTimestamp", "1969-12-31T16:00:00.000-08:00").put("name", t.name())
                    .put("description", t.cpus() + " vCPUs, " + t.memoryMb() / 1024.0 + " GB RAM")
                    .put("guestCpus", t.cpus()).put("memoryMb", t.memoryMb()).put("maximumPersistentDisks", 128)
                    .put("maximumPersistentDisksSizeGb", "263168").put("zone", zone)
                    .put("isSharedCpu", t.name().equals("e2-micro") || t.name().equals("e2-small") || t.name().equals("e2-medium"))
                    .put("architecture", t.arch())
                    .put("selfLink", Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + zone + "/machineTypes/" + t.name()));
            if (t.gpu() != null) {
                m.putArray("accelerators").addObject().put("guestAcceleratorType", t.gpu()).put("guestAcceleratorCount", t.gpus());
            }
            out.add(m);
        }
        return out;
    }

    List<ObjectNode> acceleratorTypes(String zone) {
        List<ObjectNode> out = new ArrayList<>();
        int n = 4000;
        for (String[] a : ACCELERATORS) {
            out.add(Gce.object().put("kind", "compute#acceleratorType").put("id", Integer.toString(n++))
                    .put("creationTimestamp", "1969-12-31T16:00:00.000-08:00").put("name", a[0]).put("description", a[1])
                    .put("maximumCardsPerInstance", Integer.parseInt(a[2]))
                    .put("zone", Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + zone))
                    .put("selfLink", Gce.link("projects/" + GcpFake.PROJECT + "/zones/" + zone + "/acceleratorTypes/" + a[0])));
        }
        return out;
    }
}
