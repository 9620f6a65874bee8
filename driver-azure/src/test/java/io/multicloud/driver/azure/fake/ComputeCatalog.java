package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;
import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The fake's catalog: VM sizes as resource SKUs of eastus (with zones, capabilities, and the
 * restrictions Azure puts on sizes: one not offered in zone 3, one not available for the
 * subscription), Marketplace images (two versions each), and RSA key pairs for
 * {@code generateKeyPair}.
 */
final class ComputeCatalog {
    /** size, family, vCPUs, memory GB, architecture, GPUs, restricted zone or null, not for the subscription. */
    private record Size(String name, String family, int vcpus, double memoryGB, String arch, int gpus, String restrictedZone,
                        boolean notForSubscription) {
    }

    private static final List<Size> SIZES = List.of(
            new Size("Standard_B1s", "standardBSFamily", 1, 1, "x64", 0, null, false),
            new Size("Standard_B2s", "standardBSFamily", 2, 4, "x64", 0, null, false),
            new Size("Standard_D2s_v5", "standardDSv5Family", 2, 8, "x64", 0, null, false),
            new Size("Standard_D4s_v5", "standardDSv5Family", 4, 16, "x64", 0, "3", false),
            new Size("Standard_D2ps_v5", "standardDPSv5Family", 2, 8, "Arm64", 0, null, false),
            new Size("Standard_NC4as_T4_v3", "Standard NCASv3_T4 Family", 4, 28, "x64", 1, null, false),
            new Size("Standard_NC24ads_A100_v4", "StandardNCADSA100v4Family", 24, 220, "x64", 1, null, false),
            new Size("Standard_M416ms_v2", "standardMSv2Family", 416, 11400, "x64", 0, null, true));

    /** publisher:offer:sku, OS, architecture. */
    private static final List<String[]> IMAGES = List.of(
            new String[] {"Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "Linux", "x64"},
            new String[] {"Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "Linux", "Arm64"},
            new String[] {"Canonical", "ubuntu-24_04-lts", "server", "Linux", "x64"},
            new String[] {"Canonical", "ubuntu-24_04-lts", "server-arm64", "Linux", "Arm64"},
            new String[] {"Debian", "debian-12", "12-gen2", "Linux", "x64"},
            new String[] {"MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "Windows", "x64"});
    private static final List<String> VERSIONS = List.of("1.2024.101", "1.2024.905");

    /** The region's SKUs as {@code ResourceSkus_List} shows them ({@code $filter=location eq '...'} keeps one region). */
    List<ObjectNode> skus(String filter) {
        String region = "eastus";
        if (filter != null) {
            var m = java.util.regex.Pattern.compile("location eq '([^']+)'").matcher(filter);
            if (m.find()) {
                region = m.group(1);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Size s : SIZES) {
            ObjectNode sku = NODES.objectNode().put("resourceType", "virtualMachines").put("name", s.name()).put("tier", "Standard")
                    .put("size", s.name().substring("Standard_".length())).put("family", s.family());
            sku.putArray("locations").add(region);
            ObjectNode info = sku.putArray("locationInfo").addObject().put("location", region);
            ArrayNode zones = info.putArray("zones");
            if (!region.equals("westus")) {
                zones.add("1").add("2").add("3");
            }
            info.putArray("zoneDetails");
            ArrayNode caps = sku.putArray("capabilities");
            caps.addObject().put("name", "vCPUs").put("value", Integer.toString(s.vcpus()));
            caps.addObject().put("name", "MemoryGB").put("value", s.memoryGB() == Math.floor(s.memoryGB())
                    ? Integer.toString((int) s.memoryGB()) : Double.toString(s.memoryGB()));
            caps.addObject().put("name", "CpuArchitectureType").put("value", s.arch());
            caps.addObject().put("name", "HyperVGenerations").put("value", s.arch().equals("Arm64") ? "V2" : "V1,V2");
            caps.addObject().put("name", "MaxResourceVolumeMB").put("value", Integer.toString(s.vcpus() * 16384));
            if (s.gpus() > 0) {
                caps.addObject().put("name", "GPUs").put("value", Integer.toString(s.gpus()));
            }
            ArrayNode restrictions = sku.putArray("restrictions");
            if (s.notForSubscription()) {
                ObjectNode r = restrictions.addObject().put("type", "Location").put("reasonCode", "NotAvailableForSubscription");
                r.putArray("values").add(region);
                r.putObject("restrictionInfo").putArray("locations").add(region);
            }
            if (s.restrictedZone() != null && !region.equals("westus")) {
                ObjectNode r = restrictions.addObject().put("type", "Zone").put("reasonCode", "NotAvailableForSubscription");
                r.putArray("values").add(region);
                ObjectNode ri = r.putObject("restrictionInfo");
                ri.putArray("locations").add(region);
                ri.putArray("zones").add(s.restrictedZone());
            }
            out.add(sku);
        }
        return out;
    }

    /** Refuses a size the region does not have, or one restricted where the VM asks for it, as Azure does. */
    void checkSize(String size, String zone) {
        Size s = SIZES.stream().filter(x -> x.name().equalsIgnoreCase(size)).findFirst().orElseThrow(() -> refuse(400, "InvalidParameter",
                "The value " + size + " provided for the VM size is not valid."));
        if (s.notForSubscription() || zone != null && zone.equals(s.restrictedZone())) {
            throw refuse(409, "SkuNotAvailable", "The requested VM size " + s.name() + " is currently not available in location 'eastus'"
                    + (zone == null ? "" : " zones '" + zone + "'") + " for subscription '" + AzureFake.SUBSCRIPTION + "'.");
        }
    }

    List<String> versions(String publisher, String offer, String sku) {
        return find(publisher, offer, sku).isPresent() ? VERSIONS : List.of();
    }

    private static Optional<String[]> find(String publisher, String offer, String sku) {
        return IMAGES.stream().filter(i -> i[0].equalsIgnoreCase(publisher) && i[1].equalsIgnoreCase(offer) && i[2].equalsIgnoreCase(sku))
                .findFirst();
    }

    /** The image of a version ({@code latest}: the newest), as {@code VirtualMachineImages_Get} shows it. */
    Optional<ObjectNode> image(String location, String publisher, String offer, String sku, String version) {
        Optional<String[]> found = find(publisher, offer, sku);
        String exact = version.equalsIgnoreCase("latest") ? VERSIONS.getLast() : version;
        if (found.isEmpty() || !VERSIONS.contains(exact)) {
            return Optional.empty();
        }
        String[] i = found.get();
        ObjectNode image = NODES.objectNode().put("location", location).put("name", exact).put("id", "/Subscriptions/"
                + AzureFake.SUBSCRIPTION + "/Providers/Microsoft.Compute/Locations/" + location + "/Publishers/" + i[0]
                + "/ArtifactTypes/VMImage/Offers/" + i[1] + "/Skus/" + i[2] + "/Versions/" + exact);
        ObjectNode props = image.putObject("properties");
        props.putObject("osDiskImage").put("operatingSystem", i[3]);
        props.putArray("dataDiskImages");
        props.put("hyperVGeneration", "V2").put("architecture", i[4]);
        return Optional.of(image);
    }

    /** A new RSA key pair: the OpenSSH public key and the PEM private key. */
    static String[] rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            write(out, "ssh-rsa".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            write(out, pub.getPublicExponent().toByteArray());
            write(out, pub.getModulus().toByteArray());
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " generated-by-azure";
            String privateKey = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            return new String[] {publicKey, privateKey};
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

}
