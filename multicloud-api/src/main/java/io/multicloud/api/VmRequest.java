package io.multicloud.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A VM to create.
 * <pre>{@code VmRequest.named("vm-1").image("ubuntu-22.04").spec("t3.small")
 *     .subnet(vpc, "sn-1").securityGroups(sg).keyPair(key)}</pre>
 *
 * @param name the VM's name
 * @param image the image name (or the cloud's image id)
 * @param spec the spec name
 * @param vpc the VPC's name
 * @param subnet the subnet's name
 * @param securityGroups names of the security groups
 * @param keyPair the key pair's name, or null
 * @param zone the zone, or null for the subnet's or connection's
 * @param rootDiskGB the root disk size, 0 for the image's default
 * @param rootDiskType the root disk type in the cloud's terms, or null for the default
 * @param userData a start-up script, or null
 * @param tags its tags
 * @param publicIp whether the VM gets a public IP (where the cloud and subnet give one); false keeps it
 *        private, reachable over SSH only through a bastion
 * @param clientToken an idempotency key, or null: a driver passes it as its cloud's own (EC2's and
 *        Alibaba's and Tencent's {@code ClientToken}, GCP's {@code requestId}), and a create retried
 *        with the same token answers the VM the first call made instead of making a second one.
 *        1 to 64 characters of letters, digits and hyphens (a UUID fits every cloud)
 */
public record VmRequest(String name, String image, String spec, String vpc, String subnet,
                        List<String> securityGroups, String keyPair, String zone, int rootDiskGB,
                        String rootDiskType, String userData, Map<String, String> tags, boolean publicIp,
                        String clientToken) implements CreateRequest, TaggedRequest<VmRequest> {
    /** The largest root disk a request may ask for. */
    public static final int MAX_ROOT_DISK_GB = 65536;

    public VmRequest {
        Validate.name("vm name", name);
        securityGroups = List.copyOf(securityGroups);
        securityGroups.forEach(g -> Validate.name("security group", g));
        if (keyPair != null) {
            Validate.name("key pair", keyPair);
        }
        if (rootDiskGB != 0) {
            Validate.range("root disk size (GB)", rootDiskGB, 1, MAX_ROOT_DISK_GB);
        }
        tags = Validate.tags("vm tags", tags);
        if (clientToken != null && !isClientToken(clientToken)) {
            throw new InvalidRequestException("client token", "use 1-64 letters, digits and hyphens (a UUID fits every cloud)");
        }
    }

    /** Whether a text is 1-64 letters, digits and hyphens: a loop, since every copy of a request checks it again. */
    private static boolean isClientToken(String token) {
        if (token.isEmpty() || token.length() > 64) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A request with only a name. */
    public static VmRequest named(String name) {
        return new VmRequest(name, null, null, null, null, List.of(), null, null, 0, null, null, Map.of(), true, null);
    }

    /** A copy with another name and everything else the same: for making many alike. */
    public VmRequest name(String newName) {
        return new VmRequest(newName, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy with this image. */
    public VmRequest image(String newImage) {
        return new VmRequest(name, newImage, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy with this spec. */
    public VmRequest spec(String newSpec) {
        return new VmRequest(name, image, newSpec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy in this subnet of this VPC. */
    public VmRequest subnet(String vpcName, String subnetName) {
        Validate.name("vpc", vpcName);
        Validate.name("subnet", subnetName);
        return new VmRequest(name, image, spec, vpcName, subnetName, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy in this subnet of this VPC. */
    public VmRequest subnet(Vpc vpcValue, String subnetName) {
        return subnet(vpcValue.name(), subnetName);
    }

    /** A copy with these security groups. */
    public VmRequest securityGroups(String... names) {
        return new VmRequest(name, image, spec, vpc, subnet, List.of(names), keyPair, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy with these security groups. */
    public VmRequest securityGroups(SecurityGroup... groups) {
        return securityGroups(Arrays.stream(groups).map(SecurityGroup::name).toArray(String[]::new));
    }

    /** A copy with this key pair. */
    public VmRequest keyPair(String keyPairName) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPairName, zone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy with this key pair. */
    public VmRequest keyPair(KeyPair key) {
        return keyPair(key.name());
    }

    /** A copy in this zone. */
    public VmRequest zone(String newZone) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, newZone, rootDiskGB, rootDiskType, userData, tags, publicIp, clientToken);
    }

    /** A copy with this root disk (type may be null for the cloud's default). */
    public VmRequest rootDisk(String type, int sizeGB) {
        Validate.range("root disk size (GB)", sizeGB, 1, MAX_ROOT_DISK_GB);
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, sizeGB, type, userData, tags, publicIp, clientToken);
    }

    /** A copy with this start-up script. */
    public VmRequest userData(String script) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, script, tags, publicIp, clientToken);
    }

    /** A copy with one more tag. */
    public VmRequest tag(String key, String value) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData,
                TagMaps.with(tags, key, value), publicIp, clientToken);
    }

    /** A copy with these tags added (a tag of the same key is replaced): {@link #tag} for a map at once. */
    public VmRequest tags(java.util.Map<String, String> more) {
        Validate.required("tags", more);
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData,
                TagMaps.withAll(tags, more), publicIp, clientToken);
    }

    /** A copy that gets a public IP or not (default: it does, where the cloud gives one). */
    public VmRequest publicIp(boolean wanted) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags,
                wanted, clientToken);
    }

    /** A copy with this idempotency key (see {@link #clientToken()}); null for none. */
    public VmRequest clientToken(String token) {
        return new VmRequest(name, image, spec, vpc, subnet, securityGroups, keyPair, zone, rootDiskGB, rootDiskType, userData, tags,
                publicIp, token);
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("image", image);
        Validate.notBlank("spec", spec);
        Validate.notBlank("vpc", vpc);
        Validate.notBlank("subnet", subnet);
    }

    /** userData may hold secrets: it is left out of the text form. */
    @Override
    public String toString() {
        return "VmRequest[name=" + name + ", image=" + image + ", spec=" + spec + ", vpc=" + vpc + ", subnet=" + subnet
                + ", securityGroups=" + securityGroups + ", keyPair=" + keyPair + ", zone=" + zone
                + ", rootDiskGB=" + rootDiskGB + ", rootDiskType=" + rootDiskType
                + ", userData=" + (userData == null ? "none" : "(" + userData.length() + " chars)") + ", tags=" + tags + ", publicIp=" + publicIp
                + (clientToken == null ? "" : ", clientToken=" + clientToken) + "]";
    }
}
