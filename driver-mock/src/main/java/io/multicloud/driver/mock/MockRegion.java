package io.multicloud.driver.mock;

import io.multicloud.api.ClusterStatus;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.ClusterEntity;
import io.multicloud.driver.mock.MockEntities.DiskEntity;
import io.multicloud.driver.mock.MockEntities.Entity;
import io.multicloud.driver.mock.MockEntities.KeyPairEntity;
import io.multicloud.driver.mock.MockEntities.MyImageEntity;
import io.multicloud.driver.mock.MockEntities.NlbEntity;
import io.multicloud.driver.mock.MockEntities.SecurityGroupEntity;
import io.multicloud.driver.mock.MockEntities.SubnetEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The resources of one account in one region, with the lock that guards them (a
 * {@link ReentrantLock}, so that virtual threads waiting for it do not pin their carrier).
 * Every field is read and written only while holding {@link #lock}.
 */
final class MockRegion {
    /** Defaults of the per-region quotas. */
    static final int DEFAULT_MAX_VCPUS = 1024;
    static final int DEFAULT_MAX_VMS = 500;

    final String name;
    final ReentrantLock lock = new ReentrantLock();
    final NamedStore<VpcEntity> vpcs = new NamedStore<>(ResourceKind.VPC);
    final NamedStore<SecurityGroupEntity> securityGroups = new NamedStore<>(ResourceKind.SECURITY_GROUP);
    final NamedStore<KeyPairEntity> keyPairs = new NamedStore<>(ResourceKind.KEY_PAIR);
    final NamedStore<VmEntity> vms = new NamedStore<>(ResourceKind.VM);
    final NamedStore<DiskEntity> disks = new NamedStore<>(ResourceKind.DISK);
    final NamedStore<MyImageEntity> myImages = new NamedStore<>(ResourceKind.MY_IMAGE);
    final NamedStore<NlbEntity> nlbs = new NamedStore<>(ResourceKind.NLB);
    final NamedStore<ClusterEntity> clusters = new NamedStore<>(ResourceKind.CLUSTER);
    int maxVcpus = DEFAULT_MAX_VCPUS;
    int maxVms = DEFAULT_MAX_VMS;
    /** Whether something changed since the state was last handed to the store. */
    boolean dirty;

    MockRegion(String name) {
        this.name = name;
    }

    /**
     * Applies every due transition and removes what has finished going away, with what a cloud
     * does then: a terminated VM gives back its public IP, its disks come off, its NLBs drop it.
     */
    void settle(long now, Consumer<String> releasePublicIp) {
        Set<String> goneVms = new HashSet<>();
        for (VmEntity vm : vms.all()) {
            dirty |= vm.life.settle(now);
            if (vm.life.gone) {
                goneVms.add(vm.name);
                if (vm.publicIp != null) {
                    releasePublicIp.accept(vm.publicIp);
                }
            }
        }
        vms.removeIf(vm -> vm.life.gone);
        for (DiskEntity disk : disks.all()) {
            dirty |= disk.life.settle(now);
            if (disk.attachedTo != null && goneVms.contains(disk.attachedTo)) {
                disk.attachedTo = null;
                disk.life.set(DiskStatus.AVAILABLE);
            }
        }
        disks.removeIf(d -> d.life.gone);
        myImages.all().forEach(i -> dirty |= i.life.settle(now));
        nlbs.all().forEach(n -> n.vms.removeIf(goneVms::contains));
        for (ClusterEntity cluster : clusters.all()) {
            dirty |= cluster.life.settle(now);
            cluster.nodeGroups.forEach(g -> dirty |= g.life.settle(now));
            cluster.nodeGroups.removeIf(g -> g.life.gone);
        }
        clusters.removeIf(c -> c.life.gone);
        dirty |= !goneVms.isEmpty();
    }

    /** The subnet of that name in any VPC of the region, with its VPC. */
    Optional<SubnetRef> subnet(String subnetName) {
        for (VpcEntity vpc : vpcs.all()) {
            for (SubnetEntity s : vpc.subnets) {
                if (s.name.equals(subnetName)) {
                    return Optional.of(new SubnetRef(vpc, s));
                }
            }
        }
        return Optional.empty();
    }

    /** The stores of the kinds that carry tags (subnets are reached through their VPC). */
    List<NamedStore<? extends Entity>> taggableStores() {
        return List.of(vpcs, securityGroups, keyPairs, vms, disks, myImages, nlbs, clusters);
    }

    /** Every taggable resource of the region, subnets included. */
    List<Entity> taggables() {
        List<Entity> all = new ArrayList<>();
        for (NamedStore<? extends Entity> store : taggableStores()) {
            all.addAll(store.all());
            if (store == vpcs) {
                vpcs.all().forEach(v -> all.addAll(v.subnets));
            }
        }
        return all;
    }

    /** vCPUs and VMs held against the quota: every VM except those terminating or failed. */
    int[] quotaUsage() {
        int vcpus = 0;
        int count = 0;
        for (VmEntity vm : vms.all()) {
            if (vm.status() != VmStatus.TERMINATING && vm.status() != VmStatus.FAILED) {
                vcpus += vm.vcpus;
                count++;
            }
        }
        return new int[] {vcpus, count};
    }

    /** The region's resources as stored in the state file. */
    MockStateStore.RegionData toData() {
        MockStateStore.RegionData data = new MockStateStore.RegionData();
        data.maxVcpus = maxVcpus;
        data.maxVms = maxVms;
        data.vpcs = List.copyOf(vpcs.all());
        data.securityGroups = List.copyOf(securityGroups.all());
        data.keyPairs = List.copyOf(keyPairs.all());
        data.vms = List.copyOf(vms.all());
        data.disks = List.copyOf(disks.all());
        data.myImages = List.copyOf(myImages.all());
        data.nlbs = List.copyOf(nlbs.all());
        data.clusters = List.copyOf(clusters.all());
        return data;
    }

    /** Replaces the region's resources with stored ones. */
    void load(MockStateStore.RegionData data) {
        // A VM this process serves over SSH keeps being served: the file does not hold that.
        Map<String, VmEntity> served = new HashMap<>();
        vms.all().stream().filter(v -> v.sshHosting != null).forEach(v -> served.put(v.id, v));
        data.vms.forEach(v -> {
            VmEntity before = served.get(v.id);
            if (before != null) {
                v.sshHosting = before.sshHosting;
                v.sshVm = before.sshVm;
                v.sshPort = before.sshPort;
            }
        });
        maxVcpus = data.maxVcpus;
        maxVms = data.maxVms;
        vpcs.replaceAll(data.vpcs);
        securityGroups.replaceAll(data.securityGroups);
        keyPairs.replaceAll(data.keyPairs);
        vms.replaceAll(data.vms);
        disks.replaceAll(data.disks);
        myImages.replaceAll(data.myImages);
        nlbs.replaceAll(data.nlbs);
        clusters.replaceAll(data.clusters);
    }

    /** Whether a cluster is ready for node group changes. */
    static boolean active(ClusterEntity cluster) {
        return cluster.life.is(ClusterStatus.ACTIVE);
    }

    /** A subnet with the VPC it belongs to. */
    record SubnetRef(VpcEntity vpc, SubnetEntity subnet) {
    }
}
