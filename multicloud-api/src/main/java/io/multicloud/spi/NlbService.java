package io.multicloud.spi;

import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import java.util.List;

/** Network load balancers. */
public interface NlbService extends ResourceService<Nlb, NlbRequest> {
    Nlb addVms(String nlb, List<String> vms);

    Nlb removeVms(String nlb, List<String> vms);

    NlbHealth health(String nlb);
}
