package io.multicloud.testkit;

import io.multicloud.api.Catalog;
import io.multicloud.api.Cloud;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.KeyPair;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources one test creates on a cloud, with names no one else uses, deleted again by
 * {@link #close()} in the reverse order of creation (an attached disk is detached first, a
 * cluster's node groups are removed first, and a delete refused because a dependent is still
 * going away is tried again until the profile's timeout). A resource the test deleted itself is
 * skipped. Use one per test:
 * <pre>{@code
 * try (TestResources res = new TestResources(cloud, ConformanceProfile.defaults())) {
 *     Vpc vpc = res.vpc();
 *     Vm vm = res.runningVm(vpc);
 * }
 * }</pre>
 */
public final class TestResources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TestResources.class);

    private final Cloud cloud;
    private final ConformanceProfile profile;
    private final UniqueNames names = new UniqueNames();
    private final Deque<Created> created = new ArrayDeque<>();

    private record Created(ResourceKind kind, String name) {
    }

    /** Resources on this connection, made with the profile's image, spec, blocks and timeouts. */
    public TestResources(Cloud cloud, ConformanceProfile profile) {
        this.cloud = cloud;
        this.profile = profile;
    }

    /** A name no other test uses, starting with {@code prefix}. */
    public String name(String prefix) {
        return names.next(prefix);
    }

    /** Remembers a resource the test created some other way, to delete it at the end. */
    public String track(ResourceKind kind, String name) {
        created.push(new Created(kind, name));
        return name;
    }

    /** A new VPC with one subnet named {@code <vpc>-sn1}, on the profile's blocks. */
    public Vpc vpc() {
        String name = name("vpc");
        return vpc(VpcRequest.named(name).cidr(profile.vpcCidr()).subnet(name + "-sn1", profile.subnetCidr()));
    }

    /** A new VPC from a request. */
    public Vpc vpc(VpcRequest request) {
        track(ResourceKind.VPC, request.name());
        return cloud.vpcs().create(request);
    }

    /** A new security group in the VPC allowing SSH in. */
    public SecurityGroup securityGroup(Vpc vpc) {
        return securityGroup(SecurityGroupRequest.named(name("sg")).vpc(vpc)
                .allowInbound(Protocol.TCP, 22));
    }

    /** A new security group from a request. */
    public SecurityGroup securityGroup(SecurityGroupRequest request) {
        track(ResourceKind.SECURITY_GROUP, request.name());
        return cloud.securityGroups().create(request);
    }

    /** A new key pair (the result holds the private key). */
    public KeyPair keyPair() {
        return cloud.keyPairs().create(track(ResourceKind.KEY_PAIR, name("key")));
    }

    /** A request for a VM of the profile's image and spec in the VPC's first subnet. */
    public VmRequest vmRequest(Vpc vpc) {
        return VmRequest.named(name("vm")).image(profile.image()).spec(profile.spec())
                .subnet(vpc, vpc.subnets().getFirst().name());
    }

    /** A new VM in the VPC's first subnet, as create returns it (not yet running). */
    public Vm vm(Vpc vpc) {
        return vm(vmRequest(vpc));
    }

    /** A new VM from a request, as create returns it. */
    public Vm vm(VmRequest request) {
        track(ResourceKind.VM, request.name());
        return cloud.vms().create(request);
    }

    /** A new VM in the VPC's first subnet, once RUNNING. */
    public Vm runningVm(Vpc vpc) {
        Vm vm = vm(vpc);
        return cloud.vms().waitUntil(vm.name(), VmStatus.RUNNING, profile.vmTimeout());
    }

    /** A request for a data disk of the profile's type and size. */
    public DiskRequest diskRequest() {
        DiskRequest request = DiskRequest.named(name("disk")).sizeGB(profile.diskSizeGB());
        return profile.diskType() == null ? request : request.type(profile.diskType());
    }

    /** A new data disk, once AVAILABLE. */
    public Disk availableDisk() {
        return availableDisk(diskRequest());
    }

    /** A new data disk from a request (in a VM's zone, say), once AVAILABLE. */
    public Disk availableDisk(DiskRequest request) {
        track(ResourceKind.DISK, request.name());
        Disk disk = cloud.disks().create(request);
        return cloud.disks().waitUntil(disk.name(), d -> d.status() == DiskStatus.AVAILABLE, profile.resourceTimeout());
    }

    /** A new Kubernetes cluster on the VPC's subnets, as create returns it. */
    public Cluster cluster(ClusterRequest request) {
        track(ResourceKind.CLUSTER, request.name());
        return cloud.clusters().create(request);
    }

    /** Deletes everything this test created and has not deleted itself, newest first. */
    @Override
    public void close() {
        AssertionError failure = null;
        while (!created.isEmpty()) {
            Created c = created.pop();
            try {
                delete(c);
            } catch (RuntimeException | AssertionError e) {
                log.warn("could not delete {} '{}' after the test: {}", c.kind().label(), c.name(), e.toString());
                if (failure == null) {
                    failure = new AssertionError("cleaning up after the test failed");
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }


    private void delete(Created c) {
        switch (c.kind()) {
            case VM -> deleteVm(c.name());
            case DISK -> deleteDisk(c.name());
            case CLUSTER -> deleteCluster(c.name());
            // Clean-up deletes what the test made whatever its mark (a test may have taken the mark off).
            case VPC -> deleteAndAwaitGone(cloud.vpcs(), c.name(), () -> cloud.vpcs().forceDelete(c.name()));
            case SECURITY_GROUP -> deleteAndAwaitGone(cloud.securityGroups(), c.name(),
                    () -> cloud.securityGroups().forceDelete(c.name()));
            case KEY_PAIR -> deleteAndAwaitGone(cloud.keyPairs(), c.name(), () -> cloud.keyPairs().forceDelete(c.name()));
            case MY_IMAGE -> deleteAndAwaitGone(cloud.myImages(), c.name(), () -> cloud.myImages().forceDelete(c.name()));
            case NLB -> deleteAndAwaitGone(cloud.nlbs(), c.name(), () -> cloud.nlbs().forceDelete(c.name()));
            default -> throw new IllegalArgumentException("the kit does not create a " + c.kind().label());
        }
    }

    private void deleteVm(String name) {
        var vm = cloud.vms().find(name);
        if (vm.isEmpty()) {
            return;
        }
        if (vm.get().status() != VmStatus.TERMINATING && vm.get().status() != VmStatus.TERMINATED) {
            ignoringNotFound(() -> cloud.vms().terminate(name));
        }
        cloud.vms().waitUntil(name, VmStatus.TERMINATED, profile.vmTimeout());
        Await.gone(cloud.vms(), name, profile.vmTimeout());
    }

    private void deleteDisk(String name) {
        var disk = cloud.disks().find(name);
        if (disk.isEmpty()) {
            return;
        }
        if (disk.get().attachedTo() != null) {
            ignoringNotFound(() -> cloud.disks().detach(name));
            cloud.disks().waitUntil(name, d -> d.attachedTo() == null && d.status() != DiskStatus.ATTACHED,
                    profile.resourceTimeout());
        }
        deleteAndAwaitGone(cloud.disks(), name, () -> cloud.disks().forceDelete(name));
    }

    private void deleteCluster(String name) {
        if (cloud.clusters().find(name).isEmpty()) {
            return;
        }
        Cluster cluster = cloud.clusters().waitUntil(name, TestResources::settled, profile.resourceTimeout());
        for (NodeGroup group : cluster.nodeGroups()) {
            if (group.status() != ClusterStatus.DELETING) {
                ignoringNotFound(() -> cloud.clusters().removeNodeGroup(name, group.name()));
            }
        }
        cloud.clusters().waitUntil(name, c -> c.nodeGroups().isEmpty(), profile.resourceTimeout());
        deleteAndAwaitGone(cloud.clusters(), name, () -> cloud.clusters().forceDelete(name));
    }

    private static boolean settled(Cluster cluster) {
        return cluster.status() != ClusterStatus.CREATING && cluster.status() != ClusterStatus.UPDATING
                && cluster.nodeGroups().stream().noneMatch(g -> g.status() == ClusterStatus.CREATING
                || g.status() == ClusterStatus.UPDATING);
    }

    /** Deletes, trying again while a dependent is still going away, then waits until it is gone. */
    private void deleteAndAwaitGone(Catalog<?> catalog, String name, Runnable delete) {
        Await.until(name + " accepts deletion", () -> {
            try {
                delete.run();
                return true;
            } catch (NotFoundException e) {
                return true;
            } catch (ConflictException e) {
                log.debug("deleting '{}' refused for now: {}", name, e.getMessage());
                return false;
            }
        }, profile.resourceTimeout());
        Await.gone(catalog, name, profile.resourceTimeout());
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException e) {
            // deleted already: nothing to do
        }
    }
}
