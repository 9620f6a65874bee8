package io.multicloud.core.mci;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Region;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.Spec;
import io.multicloud.api.Subnet;
import io.multicloud.api.Vpc;
import io.multicloud.api.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of one subgroup that need only its own connection: location, spec, image,
 * architecture, and the static network, security groups and key pair it names. Reads only.
 * A check the driver cannot make is an INFO note; a call that fails is an ERROR finding.
 */
final class ReviewSubGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewSubGroup.class);

    private final SubGroupRequest sg;
    private final Cloud cloud;
    private final String region;
    private final List<ReviewFinding> findings = new ArrayList<>();

    private ReviewSubGroup(SubGroupRequest sg) {
        this.sg = sg;
        this.cloud = sg.cloud();
        this.region = cloud.config().region();
    }

    /**
     * What one subgroup's checks found, and its spec when the catalog has it (for the quota check).
     *
     * @param findings the findings, in check order
     * @param spec the subgroup's spec, or null when unknown
     */
    record Outcome(List<ReviewFinding> findings, Spec spec) {
        Outcome {
            findings = List.copyOf(findings);
        }
    }

    /** Runs every check of the subgroup. Never throws for a cloud's failure. */
    static Outcome check(SubGroupRequest sg) {
        return new ReviewSubGroup(sg).run();
    }

    /**
     * Every read at once (each part on its own virtual thread, with findings of its own), so that a
     * subgroup's review takes one cloud round trip, not one per check; findings keep check order.
     */
    private Outcome run() {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var location = pool.submit(() -> part(ReviewSubGroup::checkLocation));
            var specPart = new ReviewSubGroup(sg);
            var imagePart = new ReviewSubGroup(sg);
            var spec = pool.submit(specPart::checkSpec);
            var image = pool.submit(imagePart::checkImage);
            var network = pool.submit(() -> part(r -> {
                if (sg.isStatic()) {
                    r.checkNetwork();
                }
            }));
            var groups = pool.submit(() -> part(r -> {
                if (!sg.securityGroups().isEmpty()) {
                    r.checkSecurityGroups();
                }
            }));
            var key = pool.submit(() -> part(r -> {
                if (sg.keyPair() != null) {
                    r.checkKeyPair();
                }
            }));
            findings.addAll(location.get().findings);
            Spec foundSpec = spec.get();
            Image foundImage = image.get();
            findings.addAll(specPart.findings);
            findings.addAll(imagePart.findings);
            if (foundSpec != null && foundImage != null) {
                checkArchitecture(foundSpec, foundImage);
            }
            findings.addAll(network.get().findings);
            findings.addAll(groups.get().findings);
            findings.addAll(key.get().findings);
            return new Outcome(findings, foundSpec);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reviewing subgroup " + sg.name(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            // The checks catch every RuntimeException themselves; only an Error can get here.
            throw new IllegalStateException("review of subgroup " + sg.name() + " failed", e.getCause());
        }
    }

    /** Runs some checks on a review of their own, for their findings. */
    private ReviewSubGroup part(java.util.function.Consumer<ReviewSubGroup> checks) {
        ReviewSubGroup part = new ReviewSubGroup(sg);
        checks.accept(part);
        return part;
    }

    private void checkLocation() {
        Optional<Region> found = read(ReviewCheck.LOCATION, Capability.REGIONS, "region " + region,
                () -> cloud.regions().find(region));
        if (found == null) {
            return;
        }
        if (found.isEmpty()) {
            add(ReviewCheck.LOCATION, ReviewSeverity.ERROR, "region " + region + " is not offered by driver '"
                    + cloud.config().driver() + "'");
            return;
        }
        Optional<String> zoneName = cloud.config().zoneIfSet();
        if (zoneName.isEmpty()) {
            add(ReviewCheck.LOCATION, ReviewSeverity.OK, "region " + region + " exists");
            return;
        }
        Optional<Zone> zone = found.get().zones().stream().filter(z -> z.name().equals(zoneName.get())).findFirst();
        if (zone.isEmpty()) {
            add(ReviewCheck.LOCATION, ReviewSeverity.ERROR, "zone " + zoneName.get() + " is not in region " + region
                    + " (zones: " + found.get().zones().stream().map(Zone::name).toList() + ")");
        } else if (!zone.get().available()) {
            add(ReviewCheck.LOCATION, ReviewSeverity.ERROR, "zone " + zoneName.get() + " does not accept new resources");
        } else {
            add(ReviewCheck.LOCATION, ReviewSeverity.OK, "region " + region + ", zone " + zoneName.get() + " exist");
        }
    }

    private Spec checkSpec() {
        Optional<Spec> found = read(ReviewCheck.SPEC, Capability.SPECS, "spec '" + sg.spec() + "'",
                () -> cloud.specs().find(sg.spec()));
        if (found == null) {
            return null;
        }
        if (found.isEmpty()) {
            add(ReviewCheck.SPEC, ReviewSeverity.ERROR, "spec '" + sg.spec() + "' is not offered in region " + region);
            return null;
        }
        Spec spec = found.get();
        add(ReviewCheck.SPEC, ReviewSeverity.OK, "spec '" + spec.name() + "': " + spec.vcpus() + " vCPU, "
                + spec.memoryGiB() + " GiB, " + spec.architecture());
        return spec;
    }

    private Image checkImage() {
        Optional<Image> found = read(ReviewCheck.IMAGE, Capability.IMAGES, "image '" + sg.image() + "'",
                () -> cloud.images().find(sg.image()));
        if (found == null) {
            return null;
        }
        if (found.isEmpty()) {
            add(ReviewCheck.IMAGE, ReviewSeverity.ERROR, "image '" + sg.image() + "' does not exist in region " + region);
            return null;
        }
        Image image = found.get();
        add(ReviewCheck.IMAGE, ReviewSeverity.OK, "image '" + image.name() + "': " + image.os() + " "
                + image.osVersion() + ", " + image.architecture());
        return image;
    }

    private void checkArchitecture(Spec spec, Image image) {
        if (spec.architecture() != image.architecture()) {
            add(ReviewCheck.ARCHITECTURE, ReviewSeverity.ERROR, "image '" + image.name() + "' is "
                    + image.architecture() + " but spec '" + spec.name() + "' is " + spec.architecture());
        } else {
            add(ReviewCheck.ARCHITECTURE, ReviewSeverity.OK, "image and spec are both " + spec.architecture());
        }
    }

    private void checkNetwork() {
        Optional<Vpc> vpc = read(ReviewCheck.NETWORK, Capability.VPCS, "VPC '" + sg.vpc() + "'",
                () -> cloud.vpcs().find(sg.vpc()));
        if (vpc == null) {
            return;
        }
        if (vpc.isEmpty()) {
            add(ReviewCheck.NETWORK, ReviewSeverity.ERROR, "VPC '" + sg.vpc() + "' does not exist");
            return;
        }
        Optional<Subnet> subnet = vpc.get().subnet(sg.subnet());
        if (subnet.isEmpty()) {
            add(ReviewCheck.NETWORK, ReviewSeverity.ERROR, "VPC '" + sg.vpc() + "' has no subnet '" + sg.subnet()
                    + "' (subnets: " + vpc.get().subnets().stream().map(Subnet::name).toList() + ")");
            return;
        }
        String subnetZone = subnet.get().zone();
        Optional<String> zone = cloud.config().zoneIfSet();
        // A zonal subnet decides where its VMs land: a different connection zone is worth a word, not a block.
        if (subnetZone != null && zone.isPresent() && !zone.get().equals(subnetZone)) {
            add(ReviewCheck.NETWORK, ReviewSeverity.WARNING, "subnet '" + sg.subnet() + "' is in zone " + subnetZone
                    + ", not in the connection's zone " + zone.get());
        } else {
            add(ReviewCheck.NETWORK, ReviewSeverity.OK, "VPC '" + sg.vpc() + "' and subnet '" + sg.subnet() + "' exist");
        }
    }

    private void checkSecurityGroups() {
        for (String name : sg.securityGroups()) {
            Optional<SecurityGroup> found = read(ReviewCheck.SECURITY_GROUP, Capability.SECURITY_GROUPS,
                    "security group '" + name + "'", () -> cloud.securityGroups().find(name));
            if (found == null) {
                return;
            }
            if (found.isEmpty()) {
                add(ReviewCheck.SECURITY_GROUP, ReviewSeverity.ERROR, "security group '" + name + "' does not exist");
            } else if (sg.isStatic() && !sg.vpc().equals(found.get().vpc())) {
                add(ReviewCheck.SECURITY_GROUP, ReviewSeverity.ERROR, "security group '" + name + "' belongs to VPC '"
                        + found.get().vpc() + "', not to the subgroup's VPC '" + sg.vpc() + "'");
            } else {
                add(ReviewCheck.SECURITY_GROUP, ReviewSeverity.OK, "security group '" + name + "' exists");
            }
        }
    }

    private void checkKeyPair() {
        Optional<KeyPair> found = read(ReviewCheck.KEY_PAIR, Capability.KEY_PAIRS, "key pair '" + sg.keyPair() + "'",
                () -> cloud.keyPairs().find(sg.keyPair()));
        if (found == null) {
            return;
        }
        add(ReviewCheck.KEY_PAIR, found.isPresent() ? ReviewSeverity.OK : ReviewSeverity.ERROR,
                "key pair '" + sg.keyPair() + "' " + (found.isPresent() ? "exists" : "does not exist"));
    }

    /**
     * One catalog or collection read. Returns null, after recording why, when the read could not be
     * made (the driver lacks the capability: INFO; the call failed: ERROR); otherwise what it found.
     */
    private <T> Optional<T> read(ReviewCheck check, Capability capability, String what, Supplier<Optional<T>> call) {
        try {
            if (!cloud.capabilities().supports(capability)) {
                add(check, ReviewSeverity.INFO, what + " not checked: driver '" + cloud.config().driver()
                        + "' does not offer " + capability);
                return null;
            }
            return call.get();
        } catch (RuntimeException e) {
            LOG.debug("review of subgroup {} on {}: reading {} failed", sg.name(), sg.connection(), what, e);
            findings.add(ReviewFinding.unanswered(sg, check, "could not check " + what + ": " + describe(e)));
            return null;
        }
    }

    /** The exception's message; CloudException messages carry the connection and cloud code and never a secret. */
    static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void add(ReviewCheck check, ReviewSeverity severity, String message) {
        findings.add(ReviewFinding.of(sg, check, severity, message));
    }
}
