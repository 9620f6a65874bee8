package io.multicloud.driver.mock;

import io.multicloud.api.ErrorScope;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Spec;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.KeyPairEntity;
import io.multicloud.driver.mock.MockEntities.SecurityGroupEntity;
import io.multicloud.driver.mock.MockEntities.SubnetEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.driver.mock.MockEntities.VpcEntity;
import io.multicloud.spi.VmService;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VMs. Create checks every reference (image, spec, VPC, subnet, security groups in that VPC,
 * key pair), the architecture, the root disk and the region's quotas, then answers CREATING;
 * the VM is RUNNING (or FAILED, when told so) one transition time later. Suspend, resume and
 * reboot go through their transitional status; delete goes through TERMINATING, after which the
 * VM is gone. An action in the wrong status is a Conflict. With an SSH hosting set on the
 * connection ({@link MockControl#serveSsh}), a new VM is served and delete stops serving it.
 */
final class MockVms implements VmService {
    private static final String KIND = "vm";
    /** Root disk type when the request names none. */
    static final String DEFAULT_ROOT_DISK_TYPE = "standard";

    private final MockContext ctx;

    MockVms(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Vm> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.vms.all().stream().map(v -> v.toRecord(r.name)).toList());
    }

    @Override
    public Optional<Vm> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.vms.find(name).map(v -> v.toRecord(r.name)));
    }

    @Override
    public Vm create(VmRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            String name = request.name();
            Optional<VmEntity> earlier = sameToken(r, request);
            if (earlier.isPresent()) {
                return earlier.get().toRecord(r.name);
            }
            r.vms.requireFree(name, ctx.errors);
            MockRefs refs = new MockRefs(ctx, r);
            Spec spec = refs.spec(request.spec());
            MockRefs.BootImage image = refs.image(request.image());
            VpcEntity vpc = refs.vpc(request.vpc());
            SubnetEntity subnet = refs.subnet(vpc, request.subnet());
            List<SecurityGroupEntity> groups = refs.securityGroups(vpc, request.securityGroups());
            KeyPairEntity key = request.keyPair() == null ? null : refs.keyPair(request.keyPair());
            String zone = zoneOf(refs, request, subnet);
            refs.requireSameArchitecture(image, spec, ResourceKind.VM, name);
            int rootDisk = rootDisk(request, image);
            checkQuota(r, name, spec);
            String privateIp = privateIp(r, subnet, name);
            String publicIp = !request.publicIp() ? null : ctx.account.addresses().takePublicIp().orElseThrow(() -> ctx.errors.capacity(
                    ResourceKind.VM, name, ErrorScope.CLOUD, "no public IPv4 address is left (the account has "
                            + MockAddresses.publicPoolSize() + ")"));

            VmEntity vm = new VmEntity();
            vm.init(name, MockContext.newId("i"), request.tags());
            vm.zone = zone;
            vm.spec = spec.name();
            vm.vcpus = spec.vcpus();
            vm.image = image.name();
            vm.architecture = image.architecture();
            vm.platform = image.platform();
            vm.vpc = vpc.name;
            vm.subnet = subnet.name;
            vm.securityGroups = groups.stream().map(g -> g.name).collect(Collectors.toCollection(java.util.ArrayList::new));
            vm.keyPair = key == null ? null : key.name;
            vm.privateIp = privateIp;
            vm.publicIp = publicIp;
            vm.loginUser = image.loginUser();
            vm.rootDiskGB = rootDisk;
            vm.rootDiskType = request.rootDiskType() == null ? DEFAULT_ROOT_DISK_TYPE : request.rootDiskType();
            vm.createdAt = now;
            vm.clientToken = request.clientToken();
            boolean fails = ctx.behaviour.takeVmFailure();
            vm.life = Lifecycle.moving(VmStatus.CREATING, fails ? VmStatus.FAILED : VmStatus.RUNNING,
                    now + ctx.behaviour.transitionMs());
            serveSsh(r, vm, key);
            r.vms.add(vm);
            return vm.toRecord(r.name);
        });
    }

    @Override
    public void delete(String name) {
        java.util.concurrent.atomic.AtomicReference<VmEntity> served = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
                VmEntity vm = r.vms.get(name, ctx.errors);
                if (vm.life.is(VmStatus.TERMINATING)) {
                    return null;
                }
                vm.life.removeAt(VmStatus.TERMINATING, now + ctx.behaviour.transitionMs());
                served.set(vm.sshHosting != null ? vm : null);
                return null;
            });
        } finally {
            // Outside the region's lock (stopping closes the VM's SSH sessions, which need not hold up the
            // cloud), and also when the answer was lost: the VM is terminating all the same.
            VmEntity vm = served.get();
            if (vm != null) {
                vm.sshHosting.stop(vm.sshVm);
            }
        }
    }

    /**
     * The VM an earlier create with the same client token made, as EC2 answers a retried
     * RunInstances; the same token with another name, image or spec is refused as EC2 refuses it
     * (IdempotentParameterMismatch).
     */
    private Optional<VmEntity> sameToken(MockRegion r, VmRequest request) {
        if (request.clientToken() == null) {
            return Optional.empty();
        }
        Optional<VmEntity> earlier = r.vms.all().stream().filter(v -> request.clientToken().equals(v.clientToken)).findFirst();
        earlier.ifPresent(vm -> {
            if (!vm.name.equals(request.name()) || !vm.spec.equals(request.spec())) {
                throw ctx.errors.invalid(ResourceKind.VM, request.name(), "clientToken",
                        "IdempotentParameterMismatch: the client token was used for another request (VM " + vm.name + ")");
            }
        });
        return earlier;
    }

    /** Hands the new VM to the connection's SSH hosting, if it has one; a failure gives the public IP back. */
    private void serveSsh(MockRegion r, VmEntity vm, KeyPairEntity key) {
        MockSshHosting hosting = ctx.behaviour.sshHosting();
        if (hosting == null) {
            return;
        }
        MockSshVm sshVm = new MockSshVm(ctx.account.name(), r.name, vm.vpc, vm.subnet, vm.name, vm.id, vm.publicIp,
                vm.privateIp, vm.loginUser, key == null ? null : key.publicKey);
        try {
            vm.sshPort = hosting.serve(sshVm);
        } catch (RuntimeException e) {
            if (vm.publicIp != null) {
                ctx.account.addresses().releasePublicIp(vm.publicIp);
            }
            throw e;
        }
        vm.sshVm = sshVm;
        vm.sshHosting = hosting;
    }

    @Override
    public VmStatus suspend(String name) {
        return act("suspend", name, VmStatus.RUNNING, VmStatus.SUSPENDING, VmStatus.SUSPENDED);
    }

    @Override
    public VmStatus resume(String name) {
        return act("resume", name, VmStatus.SUSPENDED, VmStatus.RESUMING, VmStatus.RUNNING);
    }

    @Override
    public VmStatus reboot(String name) {
        return act("reboot", name, VmStatus.RUNNING, VmStatus.REBOOTING, VmStatus.RUNNING);
    }

    private VmStatus act(String action, String name, VmStatus from, VmStatus via, VmStatus to) {
        return ctx.write(MockOperations.of(KIND, action), (r, now) -> {
            VmEntity vm = r.vms.get(name, ctx.errors);
            if (!vm.life.is(from)) {
                throw ctx.errors.wrongState(ResourceKind.VM, name,
                        "cannot " + action + " a VM that is " + vm.status() + "; it must be " + from);
            }
            vm.life.moveTo(via, to, now + ctx.behaviour.transitionMs());
            return via;
        });
    }

    private String zoneOf(MockRefs refs, VmRequest request, SubnetEntity subnet) {
        if (request.zone() == null) {
            return subnet.zone;
        }
        String zone = refs.zone(request.zone());
        if (!zone.equals(subnet.zone)) {
            throw ctx.errors.invalid(ResourceKind.VM, request.name(), "zone",
                    "subnet '" + subnet.name + "' is in zone " + subnet.zone + ", not " + zone);
        }
        return zone;
    }

    private int rootDisk(VmRequest request, MockRefs.BootImage image) {
        if (request.rootDiskGB() == 0) {
            return image.minDiskGB();
        }
        if (request.rootDiskGB() < image.minDiskGB()) {
            String what = image.platform() == Platform.WINDOWS ? "Windows image '" : "image '";
            throw ctx.errors.invalid(ResourceKind.VM, request.name(), "rootDiskGB", what + image.name() + "' needs a root disk of at least "
                    + image.minDiskGB() + " GB, not " + request.rootDiskGB());
        }
        return request.rootDiskGB();
    }

    private void checkQuota(MockRegion r, String name, Spec spec) {
        int[] used = r.quotaUsage();
        if (used[0] + spec.vcpus() > r.maxVcpus) {
            throw ctx.errors.quota(ResourceKind.VM, name, "vCPU quota of region " + r.name + " exceeded: " + used[0]
                    + " in use + " + spec.vcpus() + " requested > " + r.maxVcpus + " allowed (connection property "
                    + MockDriver.QUOTA_VCPUS + " raises it)");
        }
        if (used[1] + 1 > r.maxVms) {
            throw ctx.errors.quota(ResourceKind.VM, name, "VM quota of region " + r.name + " exceeded: " + used[1]
                    + " VMs exist, " + r.maxVms + " allowed (connection property " + MockDriver.QUOTA_VMS + " raises it)");
        }
    }

    private String privateIp(MockRegion r, SubnetEntity subnet, String name) {
        List<String> used = new java.util.ArrayList<>();
        for (VmEntity vm : r.vms.all()) {
            if (vm.subnet.equals(subnet.name)) {
                used.add(vm.privateIp);
            }
        }
        return MockAddresses.freePrivateIp(subnet.cidr, used).orElseThrow(() -> ctx.errors.capacity(ResourceKind.VM, name,
                ErrorScope.ZONE, "subnet '" + subnet.name + "' " + subnet.cidr + " has no free address left"));
    }
}
