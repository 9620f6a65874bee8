package io.multicloud.driver.mock;

import io.multicloud.api.HealthChecker;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.NlbEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.spi.NlbService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Network load balancers in a VPC. Their VMs must exist and sit in the same VPC; a VM that
 * terminates leaves its NLBs. A VM is healthy while RUNNING.
 */
final class MockNlbs implements NlbService {
    private static final String KIND = "nlb";

    private final MockContext ctx;

    MockNlbs(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Nlb> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.nlbs.all().stream().map(NlbEntity::toRecord).toList());
    }

    @Override
    public Optional<Nlb> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.nlbs.find(name).map(NlbEntity::toRecord));
    }

    @Override
    public Nlb create(NlbRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.nlbs.requireFree(request.name(), ctx.errors);
            r.vpcs.get(request.vpc(), ctx.errors);
            NlbEntity nlb = new NlbEntity();
            nlb.init(request.name(), MockContext.newId("nlb"), request.tags());
            nlb.vpc = request.vpc();
            nlb.vms = new ArrayList<>(checkedVms(r, nlb, request.vmGroup().vms()));
            nlb.listenerProtocol = request.listener().protocol();
            nlb.listenerPort = request.listener().port();
            nlb.address = nlb.name + "-" + nlb.id.substring(4, 12) + ".nlb." + r.name + ".mock.example";
            nlb.groupProtocol = request.vmGroup().protocol();
            nlb.groupPort = request.vmGroup().port();
            HealthChecker checker = request.effectiveHealthChecker();
            nlb.healthChecker(checker);
            r.nlbs.add(nlb);
            return nlb.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            r.nlbs.get(name, ctx.errors);
            r.nlbs.remove(name);
            return null;
        });
    }

    @Override
    public Nlb addVms(String nlbName, List<String> vms) {
        return ctx.write(MockOperations.of(KIND, "addVms"), (r, now) -> {
            NlbEntity nlb = r.nlbs.get(nlbName, ctx.errors);
            Set<String> all = new LinkedHashSet<>(nlb.vms);
            all.addAll(checkedVms(r, nlb, vms));
            nlb.vms = new ArrayList<>(all);
            return nlb.toRecord();
        });
    }

    @Override
    public Nlb removeVms(String nlbName, List<String> vms) {
        return ctx.write(MockOperations.of(KIND, "removeVms"), (r, now) -> {
            NlbEntity nlb = r.nlbs.get(nlbName, ctx.errors);
            for (String vm : vms) {
                if (!nlb.vms.contains(vm)) {
                    throw ctx.errors.notFound(ResourceKind.VM, vm, "is not behind NLB '" + nlbName + "'");
                }
            }
            nlb.vms.removeAll(vms);
            return nlb.toRecord();
        });
    }

    @Override
    public NlbHealth health(String nlbName) {
        return ctx.read(MockOperations.of(KIND, "health"), (r, now) -> {
            NlbEntity nlb = r.nlbs.get(nlbName, ctx.errors);
            List<String> healthy = new ArrayList<>();
            List<String> unhealthy = new ArrayList<>();
            for (String vm : nlb.vms) {
                boolean up = r.vms.find(vm).map(v -> v.life.is(VmStatus.RUNNING)).orElse(false);
                (up ? healthy : unhealthy).add(vm);
            }
            return new NlbHealth(healthy, unhealthy);
        });
    }

    /** The VMs, each of which must exist and be in the NLB's VPC. */
    private Set<String> checkedVms(MockRegion r, NlbEntity nlb, List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            VmEntity vm = r.vms.get(name, ctx.errors);
            if (!vm.vpc.equals(nlb.vpc)) {
                throw ctx.errors.conflict(ResourceKind.NLB, nlb.name, "InvalidTarget",
                        "VM '" + name + "' is in VPC '" + vm.vpc + "', not in the NLB's VPC '" + nlb.vpc + "'");
            }
            out.add(name);
        }
        return out;
    }
}
