package io.multicloud.driver.alibaba.fake;

import java.util.Map;

/**
 * Makes load balancers in the fake's state the way other tools (the console, Terraform) make
 * them, without going through the driver: internet or intranet instances, TCP/UDP/HTTP/HTTPS
 * listeners, VServer groups, default backend servers and elastic IPs.
 */
public final class SlbSeeder {
    private final AlibabaFake fake;

    SlbSeeder(AlibabaFake fake) {
        this.fake = fake;
    }

    /** A load balancer: intranet on this VSwitch, or internet when it is null; its id. */
    public String loadBalancer(String name, String vswitchId) {
        return fake.locked(() -> fake.slb.seedLb(name, vswitchId).id);
    }

    /**
     * A running listener ({@code tcp}, {@code udp}, {@code http}, {@code https}) forwarding to the
     * VServer group, or, when the group is null, to the default servers on {@code backendPort};
     * health checks every 5 s, 4 s timeout, threshold 4 (on {@code backendPort} for the default
     * servers, on each server's own port for a group: the check names no port), unless switched off.
     */
    public void listener(String lbId, String protocol, int port, int backendPort, String vServerGroupId, boolean healthCheck) {
        fake.locked(() -> fake.slb.seedListener(fake.slb.requireLb(lbId), protocol, port, backendPort, vServerGroupId, healthCheck));
    }

    /** A VServer group of the load balancer holding these instances, each on its port; its id. */
    public String serverGroup(String lbId, String name, Map<String, Integer> instancePorts) {
        return fake.locked(() -> fake.slb.serverGroups.create(lbId, name, instancePorts).id);
    }

    /** Instances added to the load balancer's default servers. */
    public void backends(String lbId, String... instanceIds) {
        fake.locked(() -> {
            SlbFake.Lb lb = fake.slb.requireLb(lbId);
            for (String id : instanceIds) {
                SlbFake.Backend b = new SlbFake.Backend();
                b.instanceId = id;
                b.checked = true;
                lb.backends.put(id, b);
            }
            return null;
        });
    }

    /** An elastic IP bound to the (intranet) load balancer; its address. */
    public String eip(String lbId) {
        return fake.bindEip("SlbInstance", lbId);
    }
}
