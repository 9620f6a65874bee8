package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Validate;
import io.multicloud.core.catalog.OfferId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One subgroup of an MCI: {@code size} identical VMs on one connection. Dynamic by default (only
 * spec, image and size: the network, subnet, security group and key pair are found or created
 * per connection and shared); static when {@link #vpc} and {@link #subnet} name existing ones.
 *
 * @param name the subgroup's name; its VMs are named {@code <mci>-<subgroup>-<n>}
 * @param cloud the connection its VMs run on
 * @param spec the VM spec, in the cloud's terms; a catalog spec id ({@code mock+mars+m1.small[+zone]}) is
 *        accepted when it names the connection's driver, region (and zone, when both say one), and is
 *        kept as its spec name
 * @param image the image (a portable alias or the cloud's name)
 * @param size how many VMs
 * @param vpc an existing VPC (static), or null for the shared one
 * @param subnet an existing subnet of {@code vpc} (static), or null
 * @param securityGroups existing security groups (static), or empty for the shared one
 * @param keyPair an existing key pair (static), or null for the shared one
 * @param labels labels on every VM of the subgroup
 * @param publicIp whether its VMs get public IPs (default true); private VMs are reached over SSH
 *        through a bastion in the same network
 */
public record SubGroupRequest(String name, Cloud cloud, String spec, String image, int size, String vpc, String subnet,
                              List<String> securityGroups, String keyPair, Map<String, String> labels,
                              boolean publicIp) {

    /** The most VMs one subgroup may ask for. */
    public static final int MAX_SIZE = 10_000;

    public SubGroupRequest {
        Validate.name("subgroup name", name);
        Objects.requireNonNull(cloud, "cloud");
        Validate.notBlank("spec", spec);
        spec = specName(name, cloud, spec);
        Validate.notBlank("image", image);
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "a subgroup has 1 to " + MAX_SIZE + " VMs, not " + size);
        }
        if ((vpc == null) != (subnet == null)) {
            throw new InvalidRequestException("subnet", "a static subgroup names both its VPC and its subnet");
        }
        securityGroups = List.copyOf(securityGroups == null ? List.of() : securityGroups);
        labels = Map.copyOf(Validate.tags("subgroup " + name + " labels", labels == null ? Map.of() : labels));
        MciTags.requireUserLabels("subgroup " + name + " labels", labels);
    }

    /** The spec name of a spec, or of a spec id naming the connection's place (InvalidRequest when it names another). */
    private static String specName(String subGroup, Cloud cloud, String spec) {
        if (!OfferId.looksLikeId(spec)) {
            return spec;
        }
        OfferId id = OfferId.parse(spec);
        io.multicloud.api.ConnectionConfig c = cloud.config();
        boolean samePlace = id.provider().equalsIgnoreCase(c.driver()) && id.region().equalsIgnoreCase(c.region())
                && (id.zone() == null || c.zone() == null || id.zone().equalsIgnoreCase(c.zone()));
        if (!samePlace) {
            throw new InvalidRequestException("subgroup " + subGroup + " spec", "spec id " + spec + " names another place than"
                    + " connection " + c.name() + " (" + c.driver() + " " + c.region() + (c.zone() == null ? "" : " " + c.zone())
                    + "): name the spec alone, or use MciBuilder.subGroup(name, specId, image, size)");
        }
        return id.spec();
    }

    /** Where its VMs are made: {@code driver+region+spec[+zone]} of its connection. */
    public OfferId place() {
        io.multicloud.api.ConnectionConfig c = cloud.config();
        return new OfferId(c.driver(), c.region(), spec, c.zone());
    }

    /** A dynamic subgroup: the network, security group and key pair are the connection's shared ones. */
    public static SubGroupRequest of(String name, Cloud cloud, String spec, String image, int size) {
        return new SubGroupRequest(name, cloud, spec, image, size, null, null, List.of(), null, Map.of(), true);
    }

    /** A copy on another connection to the same place (a reopened one). */
    SubGroupRequest on(Cloud other) {
        return new SubGroupRequest(name, other, spec, image, size, vpc, subnet, securityGroups, keyPair, labels, publicIp);
    }

    /** A copy whose VMs get public IPs or not. */
    public SubGroupRequest publicIp(boolean wanted) {
        return new SubGroupRequest(name, cloud, spec, image, size, vpc, subnet, securityGroups, keyPair, labels, wanted);
    }

    /** Whether the user named the network (static) rather than leaving it to the library (dynamic). */
    public boolean isStatic() {
        return vpc != null;
    }

    /** A copy with another size (scale requests). */
    public SubGroupRequest size(int newSize) {
        return new SubGroupRequest(name, cloud, spec, image, newSize, vpc, subnet, securityGroups, keyPair, labels, publicIp);
    }

    /** A copy in an existing VPC and subnet. */
    public SubGroupRequest network(String newVpc, String newSubnet) {
        return new SubGroupRequest(name, cloud, spec, image, size, newVpc, newSubnet, securityGroups, keyPair, labels, publicIp);
    }

    /** A copy with existing security groups. */
    public SubGroupRequest securityGroups(String... names) {
        return new SubGroupRequest(name, cloud, spec, image, size, vpc, subnet, List.of(names), keyPair, labels, publicIp);
    }

    /** A copy with an existing key pair. */
    public SubGroupRequest keyPair(String newKeyPair) {
        return new SubGroupRequest(name, cloud, spec, image, size, vpc, subnet, securityGroups, newKeyPair, labels, publicIp);
    }

    /** A copy with one more label. */
    public SubGroupRequest label(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return new SubGroupRequest(name, cloud, spec, image, size, vpc, subnet, securityGroups, keyPair, more, publicIp);
    }

    /** The connection's name, for messages and reports. */
    public String connection() {
        return cloud.config().name();
    }
}
