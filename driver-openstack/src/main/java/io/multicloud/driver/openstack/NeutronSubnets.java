package io.multicloud.driver.openstack;

import java.util.List;
import java.util.Map;
import org.openstack4j.model.network.Subnet;
import org.openstack4j.openstack.networking.domain.NeutronSubnet;
import org.openstack4j.openstack.networking.internal.BaseNetworkingServices;

/**
 * Neutron's subnet listing with query parameters (filters, {@code limit}, {@code marker}), which
 * openstack4j's {@code subnet().list()} does not take; same endpoint, token and mapping. Like
 * every openstack4j service, it works on the client bound to the calling thread: call
 * {@link OpenStackContext#client()} first on the same thread.
 */
final class NeutronSubnets extends BaseNetworkingServices {

    /** One page of subnets for these query parameters. */
    List<? extends Subnet> list(Map<String, String> params) {
        NeutronSubnet.Subnets page = get(NeutronSubnet.Subnets.class, uri("/subnets")).params(params).execute();
        return page == null ? List.of() : page.getList();
    }
}
