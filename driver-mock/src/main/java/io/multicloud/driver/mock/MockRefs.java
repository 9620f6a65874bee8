package io.multicloud.driver.mock;

import io.multicloud.api.Architecture;
import io.multicloud.api.Image;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.api.Zone;
import io.multicloud.driver.mock.MockEntities.KeyPairEntity;
import io.multicloud.driver.mock.MockEntities.MyImageEntity;
import io.multicloud.driver.mock.MockEntities.SecurityGroupEntity;
import io.multicloud.driver.mock.MockEntities.SubnetEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Resolves what a request refers to, as the cloud checks it: each missing thing is NotFound
 * of its own kind. Used under the region's lock.
 */
final class MockRefs {
    private final MockContext ctx;
    private final MockRegion region;

    MockRefs(MockContext ctx, MockRegion region) {
        this.ctx = ctx;
        this.region = region;
    }

    /** What a VM needs to know of the image it boots from (a public image or a user's one). */
    record BootImage(String name, Architecture architecture, Platform platform, String loginUser, int minDiskGB) {
    }

    Spec spec(String name) {
        return ctx.catalog.spec(region.name, name).orElseThrow(() -> ctx.errors.notFound(ResourceKind.SPEC, name,
                "is not offered in region " + region.name));
    }

    /** A public image by name or id, or one of the user's AVAILABLE images by name or id. */
    BootImage image(String nameOrId) {
        Image pub = ctx.catalog.image(region.name, nameOrId).orElse(null);
        if (pub != null) {
            return new BootImage(pub.name(), pub.architecture(), pub.platform(), pub.loginUser(), pub.minDiskGB());
        }
        MyImageEntity mine = region.myImages.all().stream()
                .filter(i -> i.name.equals(nameOrId) || i.id.equals(nameOrId)).findFirst()
                .orElseThrow(() -> ctx.errors.notFound(ResourceKind.IMAGE, nameOrId,
                        "is neither a public image of region " + region.name + " nor one of your images"));
        if (!mine.life.is(MyImageStatus.AVAILABLE)) {
            throw ctx.errors.wrongState(ResourceKind.MY_IMAGE, mine.name,
                    "is " + mine.life.status + "; a VM can boot from it once it is AVAILABLE");
        }
        return new BootImage(mine.name, mine.architecture, mine.platform, mine.loginUser, mine.minDiskGB);
    }

    /** InvalidRequest (field "image") unless the image boots on the spec's architecture. */
    void requireSameArchitecture(BootImage image, Spec spec, ResourceKind kind, String name) {
        if (image.architecture() != spec.architecture()) {
            throw ctx.errors.invalid(kind, name, "image", "image '" + image.name() + "' is " + label(image.architecture())
                    + " but spec '" + spec.name() + "' is " + label(spec.architecture()));
        }
    }

    VpcEntity vpc(String name) {
        return region.vpcs.get(name, ctx.errors);
    }

    SubnetEntity subnet(VpcEntity vpc, String name) {
        return vpc.subnets.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> ctx.errors.notFound(ResourceKind.SUBNET, name, "does not exist in VPC '" + vpc.name + "'"));
    }

    /** The security groups, each of which must be in the VPC (as AWS says: not found in that VPC). */
    List<SecurityGroupEntity> securityGroups(VpcEntity vpc, List<String> names) {
        List<SecurityGroupEntity> groups = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            SecurityGroupEntity sg = region.securityGroups.get(name, ctx.errors);
            if (!sg.vpc.equals(vpc.name)) {
                throw ctx.errors.notFound(ResourceKind.SECURITY_GROUP, name,
                        "does not exist in VPC '" + vpc.name + "' (it belongs to VPC '" + sg.vpc + "')");
            }
            groups.add(sg);
        }
        return groups;
    }

    KeyPairEntity keyPair(String name) {
        return region.keyPairs.get(name, ctx.errors);
    }

    /** The zone, which must be one of the region's; null means the connection's zone. */
    String zone(String name) {
        if (name == null) {
            return ctx.zone;
        }
        List<String> zones = ctx.catalog.region(region.name).orElseThrow().zones().stream().map(Zone::name).toList();
        if (!zones.contains(name)) {
            throw ctx.errors.notFound(ResourceKind.ZONE, name, "is not a zone of region " + region.name + " " + zones);
        }
        return name;
    }

    private static String label(Architecture a) {
        return a.name().toLowerCase(java.util.Locale.ROOT);
    }
}
