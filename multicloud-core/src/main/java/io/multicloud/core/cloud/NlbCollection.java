package io.multicloud.core.cloud;

import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Nlbs;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.spi.NlbService;
import java.util.List;
import java.util.function.Supplier;

/** Network load balancers and the VMs behind them. */
final class NlbCollection extends ResourceCollection<Nlb, NlbRequest, NlbService> implements Nlbs {

    NlbCollection(CloudContext context, Supplier<NlbService> service) {
        super(context, ResourceKind.NLB, service);
    }

    @Override
    public Nlb addVms(String nlb, String... vms) {
        return service().addVms(Validate.notBlank("nlb name", nlb), List.of(names("vms", vms)));
    }

    @Override
    public Nlb removeVms(String nlb, String... vms) {
        return service().removeVms(Validate.notBlank("nlb name", nlb), List.of(names("vms", vms)));
    }

    @Override
    public NlbHealth health(String nlb) {
        return service().health(Validate.notBlank("nlb name", nlb));
    }
}
