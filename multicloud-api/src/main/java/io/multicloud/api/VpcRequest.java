package io.multicloud.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A VPC to create, with its subnets. Subnets must lie inside the VPC's block, must not overlap
 * and must have distinct names; this is checked as the request is built.
 * <pre>{@code VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24")}</pre>
 *
 * @param name the VPC's name
 * @param cidr its block
 * @param subnets the subnets to create with it
 * @param tags its tags
 */
public record VpcRequest(String name, String cidr, List<SubnetRequest> subnets, Map<String, String> tags)
        implements CreateRequest, TaggedRequest<VpcRequest> {
    public VpcRequest {
        Validate.name("vpc name", name);
        if (cidr != null) {
            cidr = Validate.cidr("vpc cidr", cidr).toString();
        }
        subnets = List.copyOf(subnets);
        tags = Validate.tags("vpc tags", tags);
        checkSubnets(cidr, subnets);
    }

    /** Checks that subnets fit in the VPC block, have unique names and do not overlap. */
    static void checkSubnets(String vpcCidr, List<SubnetRequest> subnets) {
        Set<String> names = new HashSet<>();
        List<Cidr> seen = new ArrayList<>();
        Cidr vpc = vpcCidr == null ? null : Cidr.parse(vpcCidr);
        for (SubnetRequest s : subnets) {
            if (!names.add(s.name())) {
                throw new InvalidRequestException("subnet name", "'" + s.name() + "' is used twice");
            }
            Cidr c = Cidr.parse(s.cidr());
            if (vpc != null && !vpc.contains(c)) {
                throw new InvalidRequestException("subnet cidr",
                        "subnet '" + s.name() + "' " + c + " is not inside the VPC block " + vpc);
            }
            for (Cidr other : seen) {
                if (other.overlaps(c)) {
                    throw new InvalidRequestException("subnet cidr",
                            "subnet '" + s.name() + "' " + c + " overlaps " + other);
                }
            }
            seen.add(c);
        }
    }

    /** A VPC request with only a name. */
    public static VpcRequest named(String name) {
        return new VpcRequest(name, null, List.of(), Map.of());
    }

    /** A copy with this block. */
    public VpcRequest cidr(String newCidr) {
        return new VpcRequest(name, newCidr, subnets, tags);
    }

    /** A copy with one more subnet. */
    public VpcRequest subnet(String subnetName, String subnetCidr) {
        return subnet(SubnetRequest.of(subnetName, subnetCidr));
    }

    /** A copy with one more subnet. */
    public VpcRequest subnet(SubnetRequest subnet) {
        List<SubnetRequest> copy = new ArrayList<>(subnets);
        copy.add(subnet);
        return new VpcRequest(name, cidr, copy, tags);
    }

    /** A copy with one more tag. */
    public VpcRequest tag(String key, String value) {
        return new VpcRequest(name, cidr, subnets, TagMaps.with(tags, key, value));
    }

    @Override
    public void requireComplete() {
        Validate.notBlank("vpc cidr", cidr);
        Validate.notEmpty("subnets", subnets);
    }
}
