package io.multicloud.driver.mock;

import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.Direction;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Listener;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.Nlb;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.PortRange;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Subnet;
import io.multicloud.api.Vm;
import io.multicloud.api.VmGroup;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.Architecture;
import io.multicloud.api.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mock cloud's own records of its resources: mutable, guarded by their region's lock, and
 * stored as they are in the state file (field by field, so the file never depends on the
 * shape of the public records). Each turns itself into the public record a caller gets.
 */
final class MockEntities {
    private MockEntities() {
    }

    /** What every named, taggable resource has. */
    abstract static class Entity {
        String name;
        String id;
        /** Immutable, replaced on change: every record made from the entity then shares it instead of copying it. */
        Map<String, String> tags = Map.of();

        abstract ResourceKind kind();

        void init(String newName, String newId, Map<String, String> newTags) {
            name = newName;
            id = newId;
            tags = Map.copyOf(newTags);
        }
    }

    static final class VpcEntity extends Entity {
        String cidr;
        List<SubnetEntity> subnets = new ArrayList<>();

        @Override
        ResourceKind kind() {
            return ResourceKind.VPC;
        }

        Vpc toRecord() {
            return new Vpc(name, id, cidr, subnets.stream().map(SubnetEntity::toRecord).toList(), tags);
        }
    }

    static final class SubnetEntity extends Entity {
        String cidr;
        String zone;

        @Override
        ResourceKind kind() {
            return ResourceKind.SUBNET;
        }

        Subnet toRecord() {
            return new Subnet(name, id, cidr, zone, tags);
        }
    }

    /** A security rule, stored field by field. */
    static final class RuleData {
        Direction direction;
        Protocol protocol;
        int from;
        int to;
        String cidr;

        static RuleData of(SecurityRule rule) {
            RuleData data = new RuleData();
            data.direction = rule.direction();
            data.protocol = rule.protocol();
            data.from = rule.ports().from();
            data.to = rule.ports().to();
            data.cidr = rule.cidr();
            return data;
        }

        SecurityRule toRule() {
            return new SecurityRule(direction, protocol, PortRange.of(from, to), cidr);
        }
    }

    static final class SecurityGroupEntity extends Entity {
        String vpc;
        List<RuleData> rules = new ArrayList<>();

        @Override
        ResourceKind kind() {
            return ResourceKind.SECURITY_GROUP;
        }

        List<SecurityRule> ruleList() {
            return rules.stream().map(RuleData::toRule).toList();
        }

        SecurityGroup toRecord() {
            return new SecurityGroup(name, id, vpc, ruleList(), tags);
        }
    }

    /** A key pair: the cloud keeps the public half only. */
    static final class KeyPairEntity extends Entity {
        String fingerprint;
        String publicKey;

        @Override
        ResourceKind kind() {
            return ResourceKind.KEY_PAIR;
        }

        KeyPair toRecord() {
            return new KeyPair(name, id, fingerprint, publicKey, null, tags);
        }
    }

    static final class VmEntity extends Entity {
        String zone;
        String spec;
        int vcpus;
        String image;
        Architecture architecture;
        Platform platform;
        String vpc;
        String subnet;
        List<String> securityGroups = new ArrayList<>();
        String keyPair;
        String publicIp;
        String privateIp;
        String loginUser;
        int rootDiskGB;
        String rootDiskType;
        long createdAt;
        /** The idempotency key it was created with, or null. */
        String clientToken;
        Lifecycle<VmStatus> life;
        /** Who serves this VM's SSH, the VM as it was served, and the port: transient, so never in the state file. */
        transient MockSshHosting sshHosting;
        transient MockSshVm sshVm;
        transient int sshPort;

        @Override
        ResourceKind kind() {
            return ResourceKind.VM;
        }

        VmStatus status() {
            return life.status;
        }

        Vm toRecord(String region) {
            return new Vm(name, id, life.status,
                    life.status == VmStatus.FAILED ? "the mock was told to fail this VM" : null, region, zone, spec, image, vpc, subnet, securityGroups, keyPair,
                    publicIp, privateIp, sshAccess(), rootDiskGB, rootDiskType,
                    Instant.ofEpochMilli(createdAt), tags);
        }

        /**
         * A served VM with a public IP is reached on loopback; one without, on its private IP through a bastion.
         * Nothing answers at a VM that is not served (its addresses are documentation ones): its access says
         * so and how to serve one, so that a command fails at once instead of timing out.
         */
        private SshAccess sshAccess() {
            if (sshHosting == null) {
                return new SshAccess(publicIp != null ? publicIp : privateIp, 22, loginUser, "mock VM " + name
                        + " has no SSH server: serve its connection's VMs before creating them, with"
                        + " cloud.unwrap(MockControl.class).serveSsh(MockSshServers.start()) (module multicloud-mock-ssh),"
                        + " or @MockCloudTest(ssh = true) in a test");
            }
            return publicIp != null ? new SshAccess("127.0.0.1", sshPort, loginUser) : new SshAccess(privateIp, 22, loginUser);
        }
    }

    static final class DiskEntity extends Entity {
        String zone;
        int sizeGB;
        String type;
        String attachedTo;
        Lifecycle<DiskStatus> life;

        @Override
        ResourceKind kind() {
            return ResourceKind.DISK;
        }

        Disk toRecord() {
            return new Disk(name, id, zone, sizeGB, type, life.status, attachedTo, tags);
        }
    }

    /** A user's image; it remembers what a VM booted from it needs. */
    static final class MyImageEntity extends Entity {
        String sourceVm;
        long createdAt;
        Architecture architecture;
        Platform platform;
        String loginUser;
        int minDiskGB;
        Lifecycle<MyImageStatus> life;

        @Override
        ResourceKind kind() {
            return ResourceKind.MY_IMAGE;
        }

        MyImage toRecord() {
            return new MyImage(name, id, sourceVm, life.status, Instant.ofEpochMilli(createdAt), tags);
        }
    }

    static final class NlbEntity extends Entity {
        String vpc;
        Protocol listenerProtocol;
        int listenerPort;
        String address;
        Protocol groupProtocol;
        int groupPort;
        List<String> vms = new ArrayList<>();
        Protocol checkProtocol;
        int checkPort;
        long checkIntervalMs;
        long checkTimeoutMs;
        int checkThreshold;

        @Override
        ResourceKind kind() {
            return ResourceKind.NLB;
        }

        void healthChecker(HealthChecker checker) {
            checkProtocol = checker.protocol();
            checkPort = checker.port();
            checkIntervalMs = checker.interval().toMillis();
            checkTimeoutMs = checker.timeout().toMillis();
            checkThreshold = checker.threshold();
        }

        Nlb toRecord() {
            return new Nlb(name, id, vpc, new Listener(listenerProtocol, listenerPort, address),
                    new VmGroup(groupProtocol, groupPort, vms),
                    new HealthChecker(checkProtocol, checkPort, Duration.ofMillis(checkIntervalMs),
                            Duration.ofMillis(checkTimeoutMs), checkThreshold), tags);
        }
    }

    static final class NodeGroupEntity {
        String name;
        String id;
        String spec;
        String image;
        int minSize;
        int maxSize;
        int desiredSize;
        String keyPair;
        int rootDiskGB;
        Lifecycle<ClusterStatus> life;

        NodeGroup toRecord() {
            return new NodeGroup(name, id, spec, image, minSize, maxSize, desiredSize, life.status, keyPair, rootDiskGB);
        }
    }

    static final class ClusterEntity extends Entity {
        String version;
        String vpc;
        List<String> subnets = new ArrayList<>();
        List<String> securityGroups = new ArrayList<>();
        List<NodeGroupEntity> nodeGroups = new ArrayList<>();
        String endpoint;
        Lifecycle<ClusterStatus> life;

        @Override
        ResourceKind kind() {
            return ResourceKind.CLUSTER;
        }

        Cluster toRecord() {
            boolean up = life.status == ClusterStatus.ACTIVE || life.status == ClusterStatus.UPDATING;
            return new Cluster(name, id, version, vpc, subnets, securityGroups, life.status, up ? endpoint : null,
                    nodeGroups.stream().map(NodeGroupEntity::toRecord).toList(), tags);
        }
    }
}
