package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageDataDisk;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkApiVersion;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.PublicIpAddressSku;
import com.azure.resourcemanager.compute.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.compute.models.PublicIpAllocationMethod;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineNetworkInterfaceConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachineNetworkInterfaceIpConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachinePublicIpAddressConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.KeyPair;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmRequest;
import io.multicloud.spi.CloudInitUserData;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The body of a VM's PUT: image (alias, URN, a managed image or a my-image disk), size, the NIC (its
 * subnet, NSG and, unless refused, a Standard static public IP), the OS disk, the login and
 * the tags. Linux VMs log in as {@code multicloud} with the key pair's public key (password
 * login off); without a key pair, and on Windows, the admin password is a random one that is
 * never returned or logged (reset it through Azure to use it). User data goes as custom data,
 * which cloud-init runs.
 */
final class AzureVmRequests {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AzureVmRequests.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AzureContext ctx;
    private final AzureNetworks networks;
    private final AzureSecurityGroups groups;
    private final AzureKeyPairs keyPairs;
    private final AzureImages images;
    private final AzureImageDisks imageDisks;

    AzureVmRequests(AzureContext ctx, AzureNetworks networks, AzureSecurityGroups groups, AzureKeyPairs keyPairs, AzureImages images,
                    AzureImageDisks imageDisks) {
        this.ctx = ctx;
        this.networks = networks;
        this.groups = groups;
        this.keyPairs = keyPairs;
        this.images = images;
        this.imageDisks = imageDisks;
    }

    /** A VM's PUT, and the my-image disk to copy as its OS disk first (null for an image it is made from). */
    record Plan(VirtualMachineInner body, DiskInner sourceDisk, String osDiskName) {
    }

    Plan plan(VmRequest request) {
        AzureVms.checkOneGroup(request);
        String name = request.name();
        ImageChoice image = image(request.image());
        var network = networks.require(request.vpc());
        String subnetId = network.subnets() == null ? null : network.subnets().stream()
                .filter(s -> request.subnet().equals(s.name())).map(s -> s.id()).findFirst().orElse(null);
        if (subnetId == null) {
            throw new NotFoundException(ErrorContext.of(ctx.config().name(), ResourceKind.SUBNET, request.subnet()),
                    "virtual network '" + network.name() + "' has no subnet of this name");
        }
        String nsgId = request.securityGroups().isEmpty() ? null : groups.require(request.securityGroups().getFirst()).id();
        String publicKey = null;
        if (request.keyPair() != null) {
            KeyPair key = keyPairs.find(request.keyPair()).orElseThrow(() -> new NotFoundException(
                    ErrorContext.of(ctx.config().name(), ResourceKind.KEY_PAIR, request.keyPair()), "no SSH public key of this name"));
            publicKey = key.publicKey();
        }
        String zone = request.zone() != null ? request.zone() : ctx.defaultZone();

        OSProfile os = new OSProfile().withComputerName(name).withAdminUsername(CloudInitUserData.USER);
        if (!image.windows() && publicKey != null) {
            os.withLinuxConfiguration(new LinuxConfiguration().withDisablePasswordAuthentication(true)
                    .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                            .withPath("/home/" + CloudInitUserData.USER + "/.ssh/authorized_keys").withKeyData(publicKey.trim())))));
        } else {
            os.withAdminPassword(randomPassword());
        }
        if (request.userData() != null) {
            os.withCustomData(Base64.getEncoder().encodeToString(request.userData().getBytes(StandardCharsets.UTF_8)));
        }

        if (image.disk() != null) {
            return specialized(request, image, subnetId, nsgId, zone);
        }
        OSDisk osDisk = new OSDisk().withName(name + "-osdisk").withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(
                        StorageAccountTypes.fromString(request.rootDiskType() == null ? "StandardSSD_LRS" : request.rootDiskType())));
        if (request.rootDiskGB() > 0) {
            osDisk.withDiskSizeGB(request.rootDiskGB());
        }

        Map<String, String> own = new LinkedHashMap<>();
        if (request.keyPair() != null) {
            own.put(AzureTagNames.KEY_PAIR, request.keyPair());
        }
        // Azure makes a managed image's data disks too, detached (and billed) after the VM is gone unless told to delete them.
        List<DataDisk> dataDisks = image.dataLuns().stream().map(lun -> new DataDisk().withLun(lun).withName(name + "-data" + lun)
                .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE).withDeleteOption(DiskDeleteOptionTypes.DELETE)).toList();
        VirtualMachineInner body = frame(request, own, subnetId, nsgId, zone).withStorageProfile(new StorageProfile()
                .withImageReference(image.reference()).withOsDisk(osDisk).withDataDisks(dataDisks.isEmpty() ? null : dataDisks)).withOsProfile(os);
        return new Plan(body, null, null);
    }

    /**
     * A VM booting a copy of a my-image disk ({@code <vm>-osdisk}, attached): Azure takes no
     * {@code osProfile} for an attached OS disk, so the login, key and custom data are the disk's
     * own (the source VM's); the request's key pair and user data cannot be applied and are
     * ignored (a warning names both keys), the key pair the disk holds is shown.
     */
    private Plan specialized(VmRequest request, ImageChoice image, String subnetId, String nsgId, String zone) {
        String osDiskName = request.name() + "-osdisk";
        String imageKey = AzureTagNames.own(image.disk().tags(), AzureTagNames.KEY_PAIR);
        boolean otherKey = request.keyPair() != null && !request.keyPair().equals(imageKey);
        if (otherKey || request.userData() != null) {
            // A warning, not a refusal: an MCI always passes its key; it then logs in with the image's, or says it has none.
            LOG.warn("VM {} boots my-image {} as it was: it keeps the image's key pair ({}) and start-up; the request's key pair ({})"
                    + " and user data ({}) are not applied", request.name(), image.disk().name(), imageKey, request.keyPair(),
                    request.userData() == null ? "none" : "given");
        }
        Map<String, String> own = new LinkedHashMap<>();
        Optional.ofNullable(imageKey).ifPresent(k -> own.put(AzureTagNames.KEY_PAIR, k));
        Optional.ofNullable(AzureTagNames.own(image.disk().tags(), AzureTagNames.LOGIN_USER))
                .ifPresent(u -> own.put(AzureTagNames.LOGIN_USER, u));
        OSDisk osDisk = new OSDisk().withName(osDiskName).withCreateOption(DiskCreateOptionTypes.ATTACH)
                .withOsType(image.windows() ? OperatingSystemTypes.WINDOWS : OperatingSystemTypes.LINUX)
                .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                .withManagedDisk(new ManagedDiskParameters().withId(AzureIds.id(ctx, AzureDisks.TYPE, osDiskName)));
        VirtualMachineInner body = frame(request, own, subnetId, nsgId, zone).withStorageProfile(new StorageProfile().withOsDisk(osDisk));
        return new Plan(body, image.disk(), osDiskName);
    }

    /** What every VM's PUT has: location, size, the NIC with its IP, the tags, the zone. */
    private VirtualMachineInner frame(VmRequest request, Map<String, String> own, String subnetId, String nsgId, String zone) {
        String name = request.name();
        VirtualMachineNetworkInterfaceIpConfiguration ip = new VirtualMachineNetworkInterfaceIpConfiguration().withName("ipconfig1")
                .withPrimary(true).withSubnet(new com.azure.core.management.SubResource().withId(subnetId));
        if (request.publicIp()) {
            ip.withPublicIpAddressConfiguration(new VirtualMachinePublicIpAddressConfiguration().withName(name + "-ip")
                    .withDeleteOption(DeleteOptions.DELETE).withPublicIpAllocationMethod(PublicIpAllocationMethod.STATIC)
                    .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD)));
        }
        VirtualMachineNetworkInterfaceConfiguration nic = new VirtualMachineNetworkInterfaceConfiguration().withName(name + "-nic")
                .withPrimary(true).withDeleteOption(DeleteOptions.DELETE).withIpConfigurations(List.of(ip));
        if (nsgId != null) {
            nic.withNetworkSecurityGroup(new com.azure.core.management.SubResource().withId(nsgId));
        }

        own.put(AzureTagNames.IMAGE, request.image());
        if (request.clientToken() != null) {
            own.put(AzureTagNames.CLIENT_TOKEN, request.clientToken());
        }
        VirtualMachineInner body = new VirtualMachineInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), own))
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(request.spec())))
                .withNetworkProfile(new NetworkProfile().withNetworkApiVersion(NetworkApiVersion.TWO_ZERO_TWO_ZERO_ONE_ONE_ZERO_ONE)
                        .withNetworkInterfaceConfigurations(List.of(nic)));
        if (zone != null) {
            body.withZones(List.of(zone));
        }
        return body;
    }

    /**
     * The image reference (or the my-image disk to copy), whether it boots Windows, and the LUNs
     * of the data disks a managed image carries (a VM made from it gets one disk of each).
     */
    record ImageChoice(ImageReference reference, boolean windows, DiskInner disk, List<Integer> dataLuns) {
    }

    private ImageChoice image(String nameOrUrn) {
        Optional<AzureImages.Urn> urn = images.urnOf(nameOrUrn);
        if (urn.isPresent()) {
            AzureImages.Urn u = urn.get();
            AzureImages.Alias alias = AzureImages.ALIASES.get(nameOrUrn);
            boolean windows = alias != null ? alias.platform() == io.multicloud.api.Platform.WINDOWS
                    : u.publisher().toLowerCase(Locale.ROOT).contains("windows");
            return new ImageChoice(new ImageReference().withPublisher(u.publisher()).withOffer(u.offer()).withSku(u.sku())
                    .withVersion(u.version()), windows, null, List.of());
        }
        Optional<DiskInner> disk = imageDisks.find(ResourceKind.IMAGE, nameOrUrn);
        if (disk.isPresent()) {
            return new ImageChoice(null, "Windows".equalsIgnoreCase(AzureTagNames.own(disk.get().tags(), AzureTagNames.MY_IMAGE)), disk.get(), List.of());
        }
        ImageInner own = ctx.lookup().find(ResourceKind.IMAGE, AzureMyImages.TYPE, nameOrUrn, (group, name) -> ctx.clients().compute()
                .getImages().getByResourceGroup(group, name)).orElseThrow(() -> new NotFoundException(
                ErrorContext.of(ctx.config().name(), ResourceKind.IMAGE, nameOrUrn),
                "no alias (" + String.join(", ", AzureImages.aliasNames()) + "), no publisher:offer:sku:version and no my-image of this name"));
        boolean windows = own.storageProfile() != null && own.storageProfile().osDisk() != null
                && own.storageProfile().osDisk().osType() != null
                && own.storageProfile().osDisk().osType().toString().equalsIgnoreCase("Windows");
        List<Integer> luns = own.storageProfile() == null || own.storageProfile().dataDisks() == null ? List.of()
                : own.storageProfile().dataDisks().stream().map(ImageDataDisk::lun).toList();
        return new ImageChoice(new ImageReference().withId(own.id()), windows, null, luns);
    }

    private static String randomPassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String all = upper + lower + digits + "!#%+-_";
        StringBuilder sb = new StringBuilder();
        sb.append(upper.charAt(RANDOM.nextInt(upper.length()))).append(lower.charAt(RANDOM.nextInt(lower.length())))
                .append(digits.charAt(RANDOM.nextInt(digits.length()))).append('!');
        for (int i = 0; i < 20; i++) {
            sb.append(all.charAt(RANDOM.nextInt(all.length())));
        }
        return sb.toString();
    }

}
