package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;
import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fake's Microsoft.Compute: VMs (one PUT makes the VM, its NIC and public IP through the
 * network part, and its OS disk; power state in the instance view; start, deallocate, restart;
 * delete takes the NIC, IP and disks whose delete option says so; generalize, after which the
 * instance view says {@code OSState/generalized} and the VM can no longer start), managed disks
 * (attach and detach through the VM's {@code attachDetachDataDisks}), managed images (of a managed
 * disk, or of a generalized VM), SSH public keys, resource SKUs ({@link ComputeCatalog}) and
 * Marketplace images.
 */
final class ComputeFake {
    static final String VM = "Microsoft.Compute/virtualMachines";
    static final String DISK = "Microsoft.Compute/disks";
    static final String IMAGE = "Microsoft.Compute/images";
    static final String SSH = "Microsoft.Compute/sshPublicKeys";
    static final String NS = "Microsoft.Compute";

    private final AzureFake fake;
    /** Power state (running, deallocated, ...) by lower-cased VM id. */
    private final Map<String, String> power = new HashMap<>();
    /** The lower-cased ids of the VMs that were generalized (for good: Azure has no way back). */
    private final Set<String> generalized = new HashSet<>();
    private final ComputeCatalog catalog = new ComputeCatalog();

    ComputeFake(AzureFake fake) {
        this.fake = fake;
        fake.compute = this;
    }

    void register(AzureFake.Routes routes) {
        routes.op("VirtualMachines_ListAll", r -> {
            r.query("$filter").filter(f -> !f.startsWith("'virtualMachineScaleSet/id' eq")).ifPresent(f -> {
                throw refuse(400, "InvalidParameter", "The value of parameter $filter is invalid: " + f);
            });
            boolean status = "true".equalsIgnoreCase(r.query("statusOnly").orElse(""));
            return fake.page(r, fake.state.all(VM).stream().map(vm -> view(vm, status)).toList());
        });
        routes.op("VirtualMachines_List", r -> {
            boolean status = r.query("$expand").filter("instanceView"::equalsIgnoreCase).isPresent();
            return fake.page(r, fake.state.inGroup(fake.group(r), VM).stream().map(vm -> view(vm, status)).toList());
        });
        routes.op("VirtualMachines_Get", r -> FakeResponse.ok(view(vm(r),
                r.query("$expand").filter("instanceView"::equalsIgnoreCase).isPresent())));
        routes.op("VirtualMachines_InstanceView", r -> FakeResponse.ok(instanceView(vm(r))));
        routes.op("VirtualMachines_CreateOrUpdate", this::putVm);
        routes.op("VirtualMachines_Delete", this::deleteVm);
        routes.op("VirtualMachines_Start", r -> {
            refuseIfGeneralized(vm(r), "Start VM");
            return powerAction(r, "starting", "running");
        });
        routes.op("VirtualMachines_Deallocate", r -> powerAction(r, "deallocating", "deallocated"));
        routes.op("VirtualMachines_PowerOff", r -> powerAction(r, "stopping", "stopped"));
        routes.op("VirtualMachines_Restart", r -> {
            refuseIfGeneralized(vm(r), "Restart VM");
            return powerAction(r, "starting", "running");
        });
        routes.op("VirtualMachines_Generalize", this::generalize);
        routes.op("VirtualMachines_AttachDetachDataDisks", this::attachDetach);
        routes.op("VirtualMachines_RetrieveBootDiagnosticsData", r -> {
            ObjectNode vm = vm(r);
            String base = "https://fakediag.blob.core.windows.net/bootdiagnostics/" + vm.path("name").asText();
            return FakeResponse.ok(NODES.objectNode().put("consoleScreenshotBlobUri", base + "/screenshot.bmp?sv=fake")
                    .put("serialConsoleLogBlobUri", base + "/serialconsole.log?sv=fake"));
        });
        routes.op("Disks_ListByResourceGroup", r -> fake.page(r, NetworkFake.copies(fake.state.inGroup(fake.group(r), DISK))));
        routes.op("Disks_List", r -> fake.page(r, NetworkFake.copies(fake.state.all(DISK))));
        routes.op("Images_List", r -> fake.page(r, NetworkFake.copies(fake.state.all(IMAGE))));
        routes.raw("GET", "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/sshPublicKeys", "SshPublicKeys_ListBySubscription",
                r -> fake.page(r, NetworkFake.copies(fake.state.all(SSH))));
        routes.op("Disks_Get", r -> FakeResponse.ok(require(r, DISK, "diskName").deepCopy()));
        routes.op("Disks_CreateOrUpdate", this::putDisk);
        routes.op("Disks_Update", this::patchDisk);
        routes.op("Disks_Delete", r -> {
            ObjectNode disk = require(r, DISK, "diskName");
            if (disk.hasNonNull("managedBy")) {
                throw refuse(409, "OperationNotAllowed", "Disk " + disk.path("name").asText() + " is attached to VM "
                        + disk.path("managedBy").asText() + ".");
            }
            ((ObjectNode) disk.path("properties")).put("provisioningState", "Deleting");
            return fake.longRunning(r, 202, null, NS, () -> fake.state.remove(disk.path("id").asText()));
        });
        routes.op("Images_ListByResourceGroup", r -> fake.page(r, NetworkFake.copies(fake.state.inGroup(fake.group(r), IMAGE))));
        routes.op("Images_Get", r -> FakeResponse.ok(require(r, IMAGE, "imageName").deepCopy()));
        routes.op("Images_CreateOrUpdate", this::putImage);
        routes.op("Images_Delete", r -> {
            ObjectNode image = require(r, IMAGE, "imageName");
            return fake.longRunning(r, 202, null, NS, () -> fake.state.remove(image.path("id").asText()));
        });
        routes.op("ResourceSkus_List", r -> fake.page(r, catalog.skus(r.query("$filter").orElse(null))));
        String rg = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/sshPublicKeys";
        routes.raw("GET", rg, "SshPublicKeys_ListByResourceGroup", r -> fake.page(r, NetworkFake.copies(fake.state.inGroup(fake.group(r), SSH))));
        routes.raw("GET", rg + "/{sshPublicKeyName}", "SshPublicKeys_Get", r -> FakeResponse.ok(require(r, SSH, "sshPublicKeyName").deepCopy()));
        routes.raw("PUT", rg + "/{sshPublicKeyName}", "SshPublicKeys_Create", this::putKey);
        routes.raw("DELETE", rg + "/{sshPublicKeyName}", "SshPublicKeys_Delete", r -> {
            ObjectNode key = require(r, SSH, "sshPublicKeyName");
            fake.state.remove(key.path("id").asText());
            return FakeResponse.empty(200);
        });
        routes.raw("POST", rg + "/{sshPublicKeyName}/generateKeyPair", "SshPublicKeys_GenerateKeyPair", r -> {
            ObjectNode key = require(r, SSH, "sshPublicKeyName");
            String[] pair = ComputeCatalog.rsaKeyPair();
            ((ObjectNode) key.path("properties")).put("publicKey", pair[0]);
            return FakeResponse.ok(NODES.objectNode().put("privateKey", pair[1]).put("publicKey", pair[0]).put("id", key.path("id").asText()));
        });
        String images = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/publishers/{publisherName}"
                + "/artifacttypes/vmimage/offers/{offer}/skus/{skus}/versions";
        routes.raw("GET", images, "VirtualMachineImages_List", r -> {
            ArrayNode out = NODES.arrayNode();
            catalog.versions(r.path("publisherName"), r.path("offer"), r.path("skus")).forEach(v -> out.addObject()
                    .put("location", r.path("location")).put("name", v).put("id", "/Subscriptions/" + AzureFake.SUBSCRIPTION
                            + "/Providers/Microsoft.Compute/Locations/" + r.path("location") + "/Publishers/" + r.path("publisherName")
                            + "/ArtifactTypes/VMImage/Offers/" + r.path("offer") + "/Skus/" + r.path("skus") + "/Versions/" + v));
            return FakeResponse.ok(out);
        });
        routes.raw("GET", images + "/{version}", "VirtualMachineImages_Get", r -> catalog.image(r.path("location"),
                r.path("publisherName"), r.path("offer"), r.path("skus"), r.path("version"))
                .map(FakeResponse::ok).orElseThrow(() -> refuse(404, "ImageVersionNotFound", "Artifact: VMImage was not found.")));
    }

    /** The power state of a VM ({@code running}, {@code deallocated}, ...), or null when there is no such VM. */
    String powerOf(String vmId) {
        return power.get(vmId.toLowerCase(java.util.Locale.ROOT));
    }

    ObjectNode require(FakeRequest r, String type, String nameVariable) {
        ObjectNode group = fake.group(r);
        String name = r.path(nameVariable);
        return fake.state.get(fake.state.id(group, type, name)).orElseThrow(() -> AzureFake.notFound(type, name));
    }

    private ObjectNode vm(FakeRequest r) {
        return require(r, VM, "vmName");
    }

    /** A VM as ARM shows it, with its instance view when asked. */
    private ObjectNode view(ObjectNode vm, boolean withInstanceView) {
        ObjectNode copy = vm.deepCopy();
        if (withInstanceView) {
            ((ObjectNode) copy.path("properties")).set("instanceView", instanceView(vm));
        }
        return copy;
    }

    private ObjectNode instanceView(ObjectNode vm) {
        String provisioning = vm.path("properties").path("provisioningState").asText("Succeeded");
        String state = power.getOrDefault(vm.path("id").asText().toLowerCase(java.util.Locale.ROOT), "starting");
        ObjectNode view = NODES.objectNode().put("computerName", vm.path("properties").path("osProfile").path("computerName").asText())
                .put("osName", "ubuntu").put("osVersion", "22.04").put("hyperVGeneration", "V2");
        ArrayNode statuses = view.putArray("statuses");
        ObjectNode p = statuses.addObject().put("code", "ProvisioningState/" + provisioning.toLowerCase(java.util.Locale.ROOT))
                .put("level", provisioning.equals("Failed") ? "Error" : "Info")
                .put("displayStatus", "Provisioning " + provisioning.toLowerCase(java.util.Locale.ROOT)).put("time", Instant.now().toString());
        if (provisioning.equals("Failed")) {
            p.put("message", vm.path("tags").path("fake-failure").asText("Allocation failed."));
        }
        if (isGeneralized(vm)) {
            // Azure lists the OS state before the power state
            statuses.addObject().put("code", "OSState/generalized").put("level", "Info").put("displayStatus", "VM generalized");
        }
        statuses.addObject().put("code", "PowerState/" + state).put("level", "Info").put("displayStatus", "VM " + state);
        return view;
    }

    private boolean isGeneralized(ObjectNode vm) {
        return generalized.contains(vm.path("id").asText().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Marks a VM generalized (200, no body): Azure does it only while the VM is stopped or
     * deallocated ("Operation 'generalize' is not allowed on VM '...' since the VM is running.");
     * generalizing a generalized VM again changes nothing.
     */
    private FakeResponse generalize(FakeRequest r) {
        ObjectNode vm = vm(r);
        String name = vm.path("name").asText();
        if (vm.path("properties").path("provisioningState").asText().equals("Deleting")) {
            throw refuse(409, "OperationNotAllowed", "The operation is not allowed since the VM is being deleted.");
        }
        String key = vm.path("id").asText().toLowerCase(java.util.Locale.ROOT);
        String state = power.getOrDefault(key, "starting");
        if (!state.equals("stopped") && !state.equals("deallocated")) {
            throw refuse(409, "OperationNotAllowed", "Operation 'generalize' is not allowed on VM '" + name + "' since the VM is " + state + ".");
        }
        generalized.add(key);
        return FakeResponse.empty(200);
    }

    /** Azure refuses to start a generalized VM: generalizing cannot be undone. */
    private void refuseIfGeneralized(ObjectNode vm, String operation) {
        if (isGeneralized(vm)) {
            throw refuse(409, "OperationNotAllowed", "Operation '" + operation + "' is not allowed on VM '" + vm.path("name").asText()
                    + "' since the VM is generalized.");
        }
    }

    private FakeResponse putVm(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("vmName");
        String id = fake.state.id(group, VM, name);
        Optional<ObjectNode> existing = fake.state.get(id);
        if (existing.isPresent()) {
            // ARM's PUT of an existing VM updates it; the fake takes its tags and keeps everything else.
            ObjectNode vm = existing.get();
            if (body.has("tags")) {
                vm.set("tags", body.get("tags").deepCopy());
            }
            return fake.longRunning(r, 200, vm.deepCopy(), NS, null);
        }
        ObjectNode vm = createVm(group, name, body);
        ObjectNode out = (ObjectNode) vm.path("properties");
        String key = id.toLowerCase(java.util.Locale.ROOT);
        String failure = vm.path("tags").path("fake-failure").asText(null);
        return fake.longRunning(r, 201, vm.deepCopy(), NS, () -> {
            out.put("provisioningState", failure == null ? "Succeeded" : "Failed");
            power.put(key, failure == null ? "running" : "stopped");
        }, failure == null ? null : AzureFake.error(200, "AllocationFailed", failure));
    }

    /** A running VM made at once, without a request (to seed large accounts in tests). */
    ObjectNode seedVm(ObjectNode group, String name, ObjectNode body) {
        ObjectNode vm = createVm(group, name, body);
        ((ObjectNode) vm.path("properties")).put("provisioningState", "Succeeded");
        power.put(vm.path("id").asText().toLowerCase(java.util.Locale.ROOT), "running");
        return vm;
    }

    /** Makes a VM, its OS disk and (through the network part) its NICs and public IPs, in state Creating. */
    private ObjectNode createVm(ObjectNode group, String name, ObjectNode body) {
        String id = fake.state.id(group, VM, name);
        if (!body.hasNonNull("location")) {
            throw refuse(400, "LocationRequired", "The location property is required for this definition.");
        }
        JsonNode props = body.path("properties");
        String size = props.path("hardwareProfile").path("vmSize").asText(null);
        String zone = body.path("zones").path(0).asText(null);
        catalog.checkSize(size, zone);
        String location = body.get("location").asText();
        ObjectNode vm = NODES.objectNode().put("id", id).put("name", name).put("type", VM).put("location", location);
        if (body.has("tags")) {
            vm.set("tags", body.get("tags").deepCopy());
        }
        if (zone != null) {
            vm.putArray("zones").add(zone);
        }
        ObjectNode out = vm.putObject("properties");
        out.put("vmId", UUID.randomUUID().toString());
        out.putObject("hardwareProfile").put("vmSize", size);
        // storage: the image and the OS disk made from it, or an existing (specialized) disk attached as it is
        JsonNode osDiskIn = props.path("storageProfile").path("osDisk");
        ObjectNode storage = out.putObject("storageProfile");
        boolean attach = "Attach".equalsIgnoreCase(osDiskIn.path("createOption").asText());
        ObjectNode attached = attach ? attachedOsDisk(props, osDiskIn, storage) : null;
        List<ObjectNode> madeData = new ArrayList<>();
        ObjectNode madeDisk = attach ? null : osDiskFromImage(group, name, id, location, zone, props, out, storage, madeData);
        // network: the NICs the configurations ask for (each with its address, NSG and public IP)
        ObjectNode network = out.putObject("networkProfile");
        ArrayNode nics = network.putArray("networkInterfaces");
        JsonNode configs = props.path("networkProfile").path("networkInterfaceConfigurations");
        for (JsonNode config : configs) {
            String nicId = fake.network.nicForVm(group, id, location, config);
            nics.addObject().put("id", nicId).putObject("properties").put("primary", config.path("properties").path("primary").asBoolean(true))
                    .put("deleteOption", config.path("properties").path("deleteOption").asText("Detach"));
        }
        for (JsonNode ref : props.path("networkProfile").path("networkInterfaces")) {
            nics.add(ref.deepCopy());
        }
        if (!configs.isMissingNode() && configs.size() > 0) {
            network.put("networkApiVersion", props.path("networkProfile").path("networkApiVersion").asText("2020-11-01"));
            network.set("networkInterfaceConfigurations", configs.deepCopy());
        }
        if (nics.isEmpty()) {
            throw refuse(400, "InvalidParameter", "At least one network interface is required for the VM.");
        }
        out.put("provisioningState", "Creating").put("timeCreated", Instant.now().toString());
        fake.state.put(vm);
        if (attached != null) {
            attached.put("managedBy", id);
            ((ObjectNode) attached.path("properties")).put("diskState", "Attached");
        } else {
            fake.state.put(madeDisk);
        }
        madeData.forEach(fake.state::put);
        power.put(id.toLowerCase(java.util.Locale.ROOT), "starting");
        return vm;
    }

    /** The storage profile and login of a VM made from an image; returns its new OS disk (to store with the VM). */
    private ObjectNode osDiskFromImage(ObjectNode group, String name, String id, String location, String zone, JsonNode props,
                                       ObjectNode out, ObjectNode storage, List<ObjectNode> madeData) {
        JsonNode osDiskIn = props.path("storageProfile").path("osDisk");
        JsonNode imageRef = props.path("storageProfile").path("imageReference");
        String osType = imageReference(imageRef, location, storage);
        String diskName = osDiskIn.path("name").asText(name + "_OsDisk_1_" + UUID.randomUUID().toString().replace("-", ""));
        String diskType = osDiskIn.path("managedDisk").path("storageAccountType").asText("Premium_LRS");
        int diskGB = osDiskIn.path("diskSizeGB").asInt(30);
        String diskId = fake.state.id(group, DISK, diskName);
        ObjectNode osDisk = storage.putObject("osDisk").put("osType", osType).put("name", diskName).put("createOption", "FromImage")
                .put("caching", "ReadWrite").put("deleteOption", osDiskIn.path("deleteOption").asText("Detach")).put("diskSizeGB", diskGB);
        osDisk.putObject("managedDisk").put("storageAccountType", diskType).put("id", diskId);
        dataDisksFromImage(group, name, id, location, zone, props, managedImage(imageRef), storage.putArray("dataDisks"), madeData);
        // login: a platform or generalized image is provisioned on first boot and needs one; a specialized image has its own
        boolean specialized = "Specialized".equals(AzureFake.text(managedImage(imageRef), "/properties/storageProfile/osDisk/osState"));
        if (specialized != !props.has("osProfile")) {
            throw specialized ? refuse(400, "InvalidParameter", "Parameter 'osProfile' is not allowed.")
                    : refuse(400, "InvalidParameter", "Required parameter 'osProfile' is missing (null).");
        }
        if (specialized) {
            return osDisk(group, diskId, diskName, location, zone, diskType, diskGB, osType, imageRef, id);
        }
        JsonNode os = props.path("osProfile");
        ObjectNode osOut = out.putObject("osProfile").put("computerName", os.path("computerName").asText(name))
                .put("adminUsername", os.path("adminUsername").asText("azureuser"));
        if (osType.equals("Windows")) {
            osOut.putObject("windowsConfiguration").put("provisionVMAgent", true).put("enableAutomaticUpdates", true);
        } else {
            ObjectNode linux = osOut.putObject("linuxConfiguration")
                    .put("disablePasswordAuthentication", os.path("linuxConfiguration").path("disablePasswordAuthentication").asBoolean(false))
                    .put("provisionVMAgent", true);
            JsonNode keys = os.path("linuxConfiguration").path("ssh").path("publicKeys");
            if (keys.isArray()) {
                linux.putObject("ssh").set("publicKeys", keys.deepCopy());
            }
        }
        osOut.putArray("secrets");
        osOut.put("allowExtensionOperations", true).put("requireGuestProvisionSignal", true);
        return osDisk(group, diskId, diskName, location, zone, diskType, diskGB, osType, imageRef, id);
    }

    /**
     * The storage profile of a VM that attaches an existing disk as its OS disk (a specialized
     * disk, already provisioned): Azure refuses an {@code osProfile} or an image then, and a disk
     * that is missing, attached elsewhere or has no OS type.
     */
    private ObjectNode attachedOsDisk(JsonNode props, JsonNode osDiskIn, ObjectNode storage) {
        if (props.has("osProfile")) {
            throw refuse(400, "InvalidParameter", "Parameter 'osProfile' is not allowed.");
        }
        if (props.path("storageProfile").has("imageReference")) {
            throw refuse(400, "InvalidParameter", "Parameter 'imageReference' is not allowed when the OS disk is attached.");
        }
        String diskId = AzureFake.text(osDiskIn, "/managedDisk/id");
        ObjectNode disk = diskId == null ? null : fake.state.get(diskId).orElseThrow(() -> refuse(404, "NotFound", "Disk " + diskId + " was not found."));
        if (disk == null) {
            throw refuse(400, "InvalidParameter", "Required parameter 'osDisk.managedDisk.id' is missing (null).");
        }
        if (disk.hasNonNull("managedBy")) {
            throw refuse(409, "OperationNotAllowed", "Disk " + disk.path("name").asText() + " is already attached to VM " + disk.path("managedBy").asText() + ".");
        }
        String osType = disk.path("properties").path("osType").asText(null);
        if (osType == null) {
            throw refuse(400, "InvalidParameter", "Disk " + disk.path("name").asText() + " has no OS type: it cannot be attached as an OS disk.");
        }
        ObjectNode osDisk = storage.putObject("osDisk").put("osType", osType).put("name", disk.path("name").asText()).put("createOption", "Attach")
                .put("caching", "ReadWrite").put("deleteOption", osDiskIn.path("deleteOption").asText("Detach"))
                .put("diskSizeGB", disk.path("properties").path("diskSizeGB").asInt());
        osDisk.putObject("managedDisk").put("storageAccountType", disk.path("sku").path("name").asText("Premium_LRS")).put("id", disk.path("id").asText());
        storage.putArray("dataDisks");
        return disk;
    }

    /**
     * The data disks a VM gets from its managed image, one per LUN of the image, as Azure makes
     * them: a request's {@code dataDisks} entry of that LUN ({@code createOption: FromImage}) names
     * the disk and its {@code deleteOption}, else the disk gets a generated name and is detached,
     * not deleted, with the VM. An entry for a LUN the image does not have is refused.
     */
    private void dataDisksFromImage(ObjectNode group, String name, String vmId, String location, String zone, JsonNode props,
                                    JsonNode image, ArrayNode out, List<ObjectNode> made) {
        Map<Integer, JsonNode> asked = new java.util.HashMap<>();
        for (JsonNode d : props.path("storageProfile").path("dataDisks")) {
            asked.put(d.path("lun").asInt(), d);
        }
        for (JsonNode d : image.path("properties").path("storageProfile").path("dataDisks")) {
            int lun = d.path("lun").asInt();
            JsonNode in = Optional.ofNullable(asked.remove(lun)).orElse(NODES.objectNode());
            if (in.has("createOption") && !"FromImage".equalsIgnoreCase(in.path("createOption").asText())) {
                throw refuse(400, "InvalidParameter", "Data disk of LUN " + lun + " is in the image: its createOption must be FromImage.");
            }
            String diskName = in.path("name").asText(name + "_lun_" + lun + "_" + UUID.randomUUID().toString().replace("-", ""));
            String type = in.path("managedDisk").path("storageAccountType").asText(d.path("storageAccountType").asText("Premium_LRS"));
            int sizeGB = in.path("diskSizeGB").asInt(d.path("diskSizeGB").asInt(32));
            String diskId = fake.state.id(group, DISK, diskName);
            ObjectNode entry = out.addObject().put("lun", lun).put("name", diskName).put("createOption", "FromImage")
                    .put("caching", d.path("caching").asText("None")).put("toBeDetached", false)
                    .put("deleteOption", in.path("deleteOption").asText("Detach")).put("diskSizeGB", sizeGB);
            entry.putObject("managedDisk").put("storageAccountType", type).put("id", diskId);
            made.add(osDisk(group, diskId, diskName, location, zone, type, sizeGB, null, NODES.objectNode(), vmId));
        }
        if (!asked.isEmpty()) {
            throw refuse(400, "InvalidParameter", "The image has no data disk of LUN " + asked.keySet().iterator().next()
                    + " to make a disk FromImage of.");
        }
    }

    /** The managed image an image reference names by id, or a missing node (a Marketplace image). */
    private JsonNode managedImage(JsonNode ref) {
        String imageId = AzureFake.text(ref, "/id");
        return imageId == null ? NODES.missingNode() : fake.state.get(imageId).map(JsonNode.class::cast).orElse(NODES.missingNode());
    }

    /** Fills the storage profile's image reference; returns the OS type. */
    private String imageReference(JsonNode ref, String location, ObjectNode storage) {
        String imageId = AzureFake.text(ref, "/id");
        if (imageId != null) {
            ObjectNode image = fake.state.get(imageId).orElseThrow(() -> refuse(404, "NotFound", "The Image '" + imageId + "' cannot be found in '"
                    + location + "' region."));
            storage.putObject("imageReference").put("id", imageId);
            return image.path("properties").path("storageProfile").path("osDisk").path("osType").asText("Linux");
        }
        String publisher = ref.path("publisher").asText();
        String offer = ref.path("offer").asText();
        String sku = ref.path("sku").asText();
        String version = ref.path("version").asText("latest");
        ObjectNode image = catalog.image(location, publisher, offer, sku, version).orElseThrow(() -> refuse(404, "PlatformImageNotFound",
                "The platform image '" + publisher + ":" + offer + ":" + sku + ":" + version + "' is not available."));
        storage.putObject("imageReference").put("publisher", publisher).put("offer", offer).put("sku", sku).put("version", version)
                .put("exactVersion", image.path("name").asText());
        return image.path("properties").path("osDiskImage").path("operatingSystem").asText("Linux");
    }

    /** A disk made with a VM, attached to it; a data disk when {@code osType} is null. */
    private static ObjectNode osDisk(ObjectNode group, String id, String name, String location, String zone, String type, int sizeGB,
                                     String osType, JsonNode imageRef, String vmId) {
        ObjectNode disk = NODES.objectNode().put("id", id).put("name", name).put("type", DISK).put("location", location)
                .put("managedBy", vmId);
        disk.putObject("sku").put("name", type).put("tier", type.startsWith("Premium") ? "Premium" : "Standard");
        if (zone != null) {
            disk.putArray("zones").add(zone);
        }
        ObjectNode props = disk.putObject("properties");
        if (osType != null) {
            props.put("osType", osType).put("hyperVGeneration", "V2");
        }
        ObjectNode creation = props.putObject("creationData").put("createOption", "FromImage");
        if (imageRef.has("publisher")) {
            creation.putObject("imageReference").put("id", "/Subscriptions/" + AzureFake.SUBSCRIPTION + "/Providers/Microsoft.Compute/Locations/"
                    + location + "/Publishers/" + imageRef.path("publisher").asText() + "/ArtifactTypes/VMImage/Offers/"
                    + imageRef.path("offer").asText() + "/Skus/" + imageRef.path("sku").asText() + "/Versions/" + imageRef.path("version").asText());
        }
        props.put("diskSizeGB", sizeGB).put("diskSizeBytes", (long) sizeGB << 30).put("uniqueId", UUID.randomUUID().toString())
                .put("provisioningState", "Succeeded").put("diskState", "Attached").put("timeCreated", Instant.now().toString());
        return disk;
    }

    private FakeResponse deleteVm(FakeRequest r) {
        ObjectNode vm = vm(r);
        ObjectNode props = (ObjectNode) vm.path("properties");
        props.put("provisioningState", "Deleting");
        return fake.longRunning(r, 202, null, NS, () -> {
            String id = vm.path("id").asText();
            fake.state.remove(id);
            power.remove(id.toLowerCase(java.util.Locale.ROOT));
            generalized.remove(id.toLowerCase(java.util.Locale.ROOT));
            JsonNode osDisk = props.path("storageProfile").path("osDisk");
            release(osDisk.path("managedDisk").path("id").asText(), "Delete".equalsIgnoreCase(osDisk.path("deleteOption").asText()));
            for (JsonNode data : props.path("storageProfile").path("dataDisks")) {
                release(data.path("managedDisk").path("id").asText(), "Delete".equalsIgnoreCase(data.path("deleteOption").asText()));
            }
            for (JsonNode nic : props.path("networkProfile").path("networkInterfaces")) {
                fake.network.releaseVmNic(nic.path("id").asText(), "Delete".equalsIgnoreCase(nic.path("properties").path("deleteOption").asText()));
            }
        });
    }

    private void release(String diskId, boolean delete) {
        if (diskId == null || diskId.isEmpty()) {
            return;
        }
        fake.state.get(diskId).ifPresent(disk -> {
            if (delete) {
                fake.state.remove(diskId);
            } else {
                disk.remove("managedBy");
                ((ObjectNode) disk.path("properties")).put("diskState", "Unattached");
            }
        });
    }

    private FakeResponse powerAction(FakeRequest r, String during, String after) {
        ObjectNode vm = vm(r);
        ObjectNode props = (ObjectNode) vm.path("properties");
        String provisioning = props.path("provisioningState").asText();
        if (provisioning.equals("Deleting")) {
            throw refuse(409, "OperationNotAllowed", "The operation is not allowed since the VM is being deleted.");
        }
        String key = vm.path("id").asText().toLowerCase(java.util.Locale.ROOT);
        power.put(key, during);
        props.put("provisioningState", "Updating");
        return fake.longRunning(r, 202, null, NS, () -> {
            power.put(key, after);
            props.put("provisioningState", "Succeeded");
        });
    }

    private FakeResponse attachDetach(FakeRequest r) {
        ObjectNode vm = vm(r);
        ObjectNode body = AzureFake.body(r);
        ArrayNode dataDisks = (ArrayNode) ((ObjectNode) vm.path("properties").path("storageProfile")).withArray("dataDisks");
        for (JsonNode attach : body.path("dataDisksToAttach")) {
            String diskId = attach.path("diskId").asText();
            ObjectNode disk = fake.state.get(diskId).orElseThrow(() -> refuse(404, "NotFound", "Disk " + diskId + " was not found."));
            if (disk.hasNonNull("managedBy")) {
                throw refuse(409, "OperationNotAllowed", "Disk " + disk.path("name").asText() + " is already attached to VM "
                        + disk.path("managedBy").asText() + ".");
            }
            int lun = attach.has("lun") ? attach.get("lun").asInt() : nextLun(dataDisks);
            ObjectNode entry = dataDisks.addObject().put("lun", lun).put("name", disk.path("name").asText()).put("createOption", "Attach")
                    .put("caching", "None").put("toBeDetached", false).put("deleteOption", attach.path("deleteOption").asText("Detach"))
                    .put("diskSizeGB", disk.path("properties").path("diskSizeGB").asInt());
            entry.putObject("managedDisk").put("id", disk.path("id").asText())
                    .put("storageAccountType", disk.path("sku").path("name").asText("StandardSSD_LRS"));
            disk.put("managedBy", vm.path("id").asText());
            ((ObjectNode) disk.path("properties")).put("diskState", "Attached");
        }
        for (JsonNode detach : body.path("dataDisksToDetach")) {
            String diskId = detach.path("diskId").asText();
            for (int i = 0; i < dataDisks.size(); i++) {
                if (dataDisks.get(i).path("managedDisk").path("id").asText().equalsIgnoreCase(diskId)) {
                    dataDisks.remove(i);
                    release(diskId, false);
                    break;
                }
            }
        }
        return FakeResponse.ok(vm.path("properties").path("storageProfile").deepCopy());
    }

    private static int nextLun(ArrayNode dataDisks) {
        int lun = 0;
        boolean taken = true;
        while (taken) {
            taken = false;
            for (JsonNode d : dataDisks) {
                if (d.path("lun").asInt() == lun) {
                    taken = true;
                    lun++;
                }
            }
        }
        return lun;
    }

    private FakeResponse putDisk(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("diskName");
        String id = fake.state.id(group, DISK, name);
        if (fake.state.get(id).isPresent()) {
            throw refuse(409, "Conflict", "The disk '" + name + "' exists: the fake takes updates through PATCH.");
        }
        ObjectNode disk = NODES.objectNode().put("id", id).put("name", name).put("type", DISK)
                .put("location", body.path("location").asText(group.path("location").asText()));
        if (body.has("tags")) {
            disk.set("tags", body.get("tags").deepCopy());
        }
        JsonNode creationIn = body.path("properties").path("creationData");
        String option = creationIn.path("createOption").asText("Empty");
        // Copy: a copy of another disk (of a running VM too), its size, OS type and generation with it
        ObjectNode source = null;
        if (option.equals("Copy")) {
            String sourceId = creationIn.path("sourceResourceId").asText(null);
            if (sourceId == null) {
                throw refuse(400, "InvalidParameter", "Required parameter 'creationData.sourceResourceId' is missing (null).");
            }
            source = fake.state.get(sourceId).orElseThrow(() -> refuse(404, "NotFound", "Resource " + sourceId + " was not found."));
        }
        String type = body.path("sku").path("name").asText(source == null ? "Standard_LRS" : source.path("sku").path("name").asText("Standard_LRS"));
        disk.putObject("sku").put("name", type).put("tier", type.startsWith("Premium") ? "Premium" : "Standard");
        if (body.has("zones")) {
            disk.set("zones", body.get("zones").deepCopy());
        }
        int size = Math.max(body.path("properties").path("diskSizeGB").asInt(0),
                source == null ? 0 : source.path("properties").path("diskSizeGB").asInt());
        if (size < 1) {
            throw refuse(400, "InvalidParameter", "Required parameter 'diskSizeGB' is missing (null).");
        }
        ObjectNode props = disk.putObject("properties");
        ObjectNode creation = props.putObject("creationData").put("createOption", option);
        if (source != null) {
            creation.put("sourceResourceId", source.path("id").asText()).put("sourceUniqueId", source.path("properties").path("uniqueId").asText());
            for (String field : List.of("osType", "hyperVGeneration")) {
                if (source.path("properties").has(field)) {
                    props.set(field, source.path("properties").get(field).deepCopy());
                }
            }
        }
        props.put("diskSizeGB", size).put("diskSizeBytes", (long) size << 30).put("uniqueId", UUID.randomUUID().toString())
                .put("provisioningState", "Updating").put("diskState", "Unattached").put("timeCreated", Instant.now().toString());
        fake.state.put(disk);
        FakeResponse failure = AzureFake.failureAsked(disk);
        return fake.longRunning(r, 202, disk.deepCopy(), NS, () -> props.put("provisioningState", failure == null ? "Succeeded" : "Failed"), failure);
    }

    private FakeResponse patchDisk(FakeRequest r) {
        ObjectNode disk = require(r, DISK, "diskName");
        ObjectNode body = AzureFake.body(r);
        ObjectNode props = (ObjectNode) disk.path("properties");
        int size = body.path("properties").path("diskSizeGB").asInt(0);
        if (size > 0) {
            if (size < props.path("diskSizeGB").asInt()) {
                throw refuse(400, "BadRequest", "Disk size cannot be shrunk from " + props.path("diskSizeGB").asInt() + " to " + size + " GB.");
            }
            props.put("diskSizeGB", size).put("diskSizeBytes", (long) size << 30);
        }
        if (body.has("tags")) {
            disk.set("tags", body.get("tags").deepCopy());
        }
        props.put("provisioningState", "Updating");
        return fake.longRunning(r, 202, disk.deepCopy(), NS, () -> props.put("provisioningState", "Succeeded"));
    }

    private FakeResponse putImage(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("imageName");
        String id = fake.state.id(group, IMAGE, name);
        JsonNode props = body.path("properties");
        ObjectNode image = NODES.objectNode().put("id", id).put("name", name).put("type", IMAGE)
                .put("location", body.path("location").asText(group.path("location").asText()));
        if (body.has("tags")) {
            image.set("tags", body.get("tags").deepCopy());
        }
        ObjectNode out = image.putObject("properties");
        ObjectNode storage = out.putObject("storageProfile");
        String sourceVm = AzureFake.text(props, "/sourceVirtualMachine/id");
        if (sourceVm != null) {
            ObjectNode vm = fake.state.get(sourceVm).orElseThrow(() -> refuse(404, "NotFound", "VM " + sourceVm + " was not found."));
            // Azure makes a managed image only of a VM that was generalized.
            if (!isGeneralized(vm)) {
                throw refuse(409, "OperationNotAllowed", "The operation 'Create Image' is not allowed on VM '" + vm.path("name").asText()
                        + "' since the VM is not marked as generalized.");
            }
            imageOfVm(vm, props, out, storage);
            return storeImage(r, image, out);
        }
        JsonNode osDisk = props.path("storageProfile").path("osDisk");
        String diskId = AzureFake.text(osDisk, "/managedDisk/id");
        ObjectNode disk = diskId == null ? null : fake.state.get(diskId).orElseThrow(() -> refuse(404, "NotFound", "Disk " + diskId + " was not found."));
        if (disk == null) {
            throw refuse(400, "InvalidParameter", "The image needs a source: a VM, a managed disk or a snapshot.");
        }
        ObjectNode os = storage.putObject("osDisk").put("osType", osDisk.path("osType").asText("Linux"))
                .put("osState", osDisk.path("osState").asText("Generalized")).put("caching", "ReadWrite")
                .put("diskSizeGB", disk.path("properties").path("diskSizeGB").asInt()).put("storageAccountType", disk.path("sku").path("name").asText());
        os.putObject("managedDisk").put("id", diskId);
        storage.putArray("dataDisks");
        storage.put("zoneResilient", false);
        out.put("hyperVGeneration", props.path("hyperVGeneration").asText("V2"));
        return storeImage(r, image, out);
    }

    /**
     * The image of a generalized VM, as Azure's example of it has it (Image_CreateFromAVM.json):
     * the source VM, its OS disk (type, state Generalized, size, SKU, and the disk it was captured
     * from) and data disks by LUN, its generation.
     */
    private void imageOfVm(ObjectNode vm, JsonNode props, ObjectNode out, ObjectNode storage) {
        out.putObject("sourceVirtualMachine").put("id", vm.path("id").asText());
        JsonNode vmOs = vm.path("properties").path("storageProfile").path("osDisk");
        String diskId = AzureFake.text(vmOs, "/managedDisk/id");
        JsonNode disk = diskId == null ? NODES.missingNode() : fake.state.get(diskId).map(JsonNode.class::cast).orElse(NODES.missingNode());
        ObjectNode os = storage.putObject("osDisk").put("osType", vmOs.path("osType").asText("Linux")).put("osState", "Generalized")
                .put("caching", vmOs.path("caching").asText("ReadWrite")).put("diskSizeGB", vmOs.path("diskSizeGB").asInt(30))
                .put("storageAccountType", vmOs.path("managedDisk").path("storageAccountType").asText("Premium_LRS"));
        if (diskId != null) {
            os.putObject("managedDisk").put("id", diskId);
        }
        ArrayNode data = storage.putArray("dataDisks");
        for (JsonNode d : vm.path("properties").path("storageProfile").path("dataDisks")) {
            ObjectNode entry = data.addObject().put("lun", d.path("lun").asInt()).put("caching", d.path("caching").asText("None"))
                    .put("diskSizeGB", d.path("diskSizeGB").asInt())
                    .put("storageAccountType", d.path("managedDisk").path("storageAccountType").asText("Premium_LRS"));
            entry.putObject("managedDisk").put("id", d.path("managedDisk").path("id").asText());
        }
        storage.put("zoneResilient", false);
        out.put("hyperVGeneration", props.path("hyperVGeneration").asText(disk.path("properties").path("hyperVGeneration").asText("V2")));
    }

    /** Stores an image in state Creating; it turns Succeeded (or Failed, when its tags ask) a few steps later. */
    private FakeResponse storeImage(FakeRequest r, ObjectNode image, ObjectNode out) {
        out.put("provisioningState", "Creating");
        fake.state.put(image);
        FakeResponse failure = AzureFake.failureAsked(image);
        return fake.longRunning(r, 201, image.deepCopy(), NS, () -> out.put("provisioningState", failure == null ? "Succeeded" : "Failed"),
                failure);
    }

    private FakeResponse putKey(FakeRequest r) {
        ObjectNode group = fake.group(r);
        ObjectNode body = AzureFake.body(r);
        String name = r.path("sshPublicKeyName");
        String id = fake.state.id(group, SSH, name);
        ObjectNode key = NODES.objectNode().put("id", id).put("name", name).put("type", SSH)
                .put("location", body.path("location").asText(group.path("location").asText()));
        if (body.has("tags")) {
            key.set("tags", body.get("tags").deepCopy());
        }
        ObjectNode props = key.putObject("properties");
        String publicKey = body.path("properties").path("publicKey").asText(null);
        if (publicKey != null) {
            if (!publicKey.startsWith("ssh-rsa ") && !publicKey.startsWith("ssh-ed25519 ") && !publicKey.startsWith("ecdsa-")) {
                throw refuse(400, "InvalidParameter", "The value of parameter publicKey is invalid.");
            }
            props.put("publicKey", publicKey);
        }
        boolean existed = fake.state.get(id).isPresent();
        fake.state.put(key);
        return FakeResponse.json(existed ? 200 : 201, key.deepCopy());
    }
}
