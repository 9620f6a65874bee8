package io.multicloud.examples;

import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.Image;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Platform;
import io.multicloud.api.Protocol;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Spec;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The quickstart: on the mock cloud, a VPC with a subnet, a security group that lets SSH in,
 * a key pair and two VMs; a suspend/resume cycle; then everything deleted again. Every step is
 * printed. The same code runs on a real cloud by changing only the connection line, say to
 * {@code multiCloud.connect("aws", "us-east-2")}, or {@code multiCloud.connect("openstack", "RegionOne")}
 * with an openrc file sourced: the image is the portable alias {@code ubuntu-22.04} (or, on a
 * cloud without it, its first x86_64 Linux image), and the spec is picked from the cloud's own
 * catalog.
 * <pre>./dev run Quickstart</pre>
 */
public final class Quickstart {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> VM_NAMES = List.of("vm-1", "vm-2");
    private static final String UBUNTU = "ubuntu-22.04";

    private Quickstart() {
    }

    public static void main(String[] args) {
        try (MultiCloud multiCloud = MultiCloud.create()) {
            Cloud cloud = multiCloud.connect("mock", "mars");
            run(multiCloud, cloud);
        }
    }

    /** Every step on a connected cloud. */
    static void run(MultiCloud multiCloud, Cloud cloud) {
        step(1, "Connected to " + cloud + " (drivers found: " + multiCloud.drivers() + ")");
        create(cloud);
        suspendAndResume(cloud);
        deleteEverything(cloud);
    }

    private static void create(Cloud cloud) {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        step(2, "Created VPC " + vpc.name() + " " + vpc.cidr() + " with subnet sn-1 "
                + vpc.subnet("sn-1").orElseThrow().cidr() + " (id " + vpc.id() + ")");

        SecurityGroup sg = cloud.securityGroups().create(SecurityGroupRequest.named("sg-ssh").vpc(vpc)
                .allowInbound(Protocol.TCP, 22));
        step(3, "Created security group " + sg.name() + ": allows TCP 22 in from anywhere");

        KeyPair key = cloud.keyPairs().create("key-1");
        step(4, "Created key pair " + key.name() + " (" + key.fingerprint() + "); its private key is "
                + key.privateKey() + " when printed, and handed out only this once");

        String spec = smallSpec(cloud);
        String image = image(cloud);
        VmRequest request = VmRequest.named("vm-1").image(image).spec(spec)
                .subnet(vpc, "sn-1").securityGroups(sg).keyPair(key);
        step(5, "Creating VMs " + VM_NAMES + " (" + image + " on " + spec + "); create returns at once:");
        for (String name : VM_NAMES) {
            Vm vm = cloud.vms().create(request.name(name));
            System.out.println("    " + vm.name() + " is " + vm.status().display());
        }
        System.out.println("  waiting until they run:");
        StatusWatch.await(cloud, VM_NAMES, VmStatus.RUNNING, TIMEOUT);
        List<Vm> vms = cloud.vms().list();
        vms.forEach(vm -> System.out.println("    " + vm));
        VmTable.print(vms);
    }

    private static void suspendAndResume(Cloud cloud) {
        step(6, "Suspending both VMs:");
        VM_NAMES.forEach(name -> System.out.println("    " + name + " -> " + cloud.vms().suspend(name).display()));
        StatusWatch.await(cloud, VM_NAMES, VmStatus.SUSPENDED, TIMEOUT);
        VmTable.print(cloud.vms().list());

        step(7, "Resuming both VMs:");
        VM_NAMES.forEach(name -> System.out.println("    " + name + " -> " + cloud.vms().withName(name).resume().display()));
        StatusWatch.await(cloud, VM_NAMES, VmStatus.RUNNING, TIMEOUT);
        VmTable.print(cloud.vms().list());
    }

    private static void deleteEverything(Cloud cloud) {
        step(8, "Deleting everything:");
        for (String name : VM_NAMES) {
            cloud.vms().delete(name);
            System.out.println("    deleted VM " + name + " (terminated and gone)");
        }
        cloud.keyPairs().delete("key-1");
        System.out.println("    deleted key pair key-1");
        cloud.securityGroups().delete("sg-ssh");
        System.out.println("    deleted security group sg-ssh");
        cloud.vpcs().delete("vpc-1");
        System.out.println("    deleted VPC vpc-1");

        // A real account holds more than this program made (a project's default group, shared networks): look for ours only.
        List<String> left = new java.util.ArrayList<>();
        VM_NAMES.forEach(name -> cloud.vms().find(name).ifPresent(vm -> left.add("VM " + name)));
        cloud.keyPairs().find("key-1").ifPresent(k -> left.add("key pair key-1"));
        cloud.securityGroups().find("sg-ssh").ifPresent(g -> left.add("security group sg-ssh"));
        cloud.vpcs().find("vpc-1").ifPresent(v -> left.add("VPC vpc-1"));
        if (!left.isEmpty()) {
            throw new IllegalStateException("left behind: " + left);
        }
        step(9, "Nothing left of what this program made: VMs, VPC, security group and key pair are gone.");
    }

    /** The smallest x86_64 spec without accelerators that has 2 GiB or more, from the cloud's catalog. */
    private static String smallSpec(Cloud cloud) {
        return cloud.specs().list().stream()
                .filter(s -> s.architecture() == Architecture.X86_64 && !s.hasAccelerator())
                .filter(s -> s.memoryGiB() >= 2)
                .min(Comparator.comparingDouble(Spec::memoryGiB).thenComparingInt(Spec::vcpus).thenComparing(Spec::name))
                .map(Spec::name)
                .orElseThrow(() -> new IllegalStateException("no x86_64 spec with 2 GiB in " + cloud));
    }

    /** The portable alias ubuntu-22.04 where the cloud has it, else its first x86_64 Linux image. */
    private static String image(Cloud cloud) {
        if (cloud.images().find(UBUNTU).isPresent()) {
            return UBUNTU;
        }
        return cloud.images().list().stream()
                .filter(i -> i.platform() == Platform.LINUX && i.architecture() == Architecture.X86_64)
                .map(Image::name).findFirst()
                .orElseThrow(() -> new IllegalStateException("no x86_64 Linux image in " + cloud));
    }

    private static void step(int number, String text) {
        System.out.println();
        System.out.println(number + ". " + text);
    }
}
