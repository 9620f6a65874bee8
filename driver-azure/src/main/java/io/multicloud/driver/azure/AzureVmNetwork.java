package io.multicloud.driver.azure;

import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import io.multicloud.api.ResourceKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network side of VMs: a VM's NIC (its private address, subnet and NSG) and public IP. A
 * listing of every VM reads every NIC and public IP of the subscription in one paged listing each;
 * a listing of some VMs reads those of the groups their NICs are in; one VM reads its own NIC and
 * public IP by id.
 */
final class AzureVmNetwork {
    /** What a VM record shows of its NIC. */
    record NicView(String privateIp, String publicIp, String vpc, String subnet, String securityGroup) {
        static final NicView NONE = new NicView(null, null, null, null, null);
    }

    /** NICs and public IPs by lower-cased id. */
    record Snapshot(Map<String, NetworkInterfaceInner> nics, Map<String, PublicIpAddressInner> ips) {
        NicView view(String nicId) {
            if (nicId == null) {
                return NicView.NONE;
            }
            NetworkInterfaceInner nic = nics.get(nicId.toLowerCase(Locale.ROOT));
            return nic == null ? NicView.NONE : AzureVmNetwork.view(nic, ips);
        }
    }

    private final AzureContext ctx;

    AzureVmNetwork(AzureContext ctx) {
        this.ctx = ctx;
    }

    private com.azure.resourcemanager.network.fluent.NetworkManagementClient net() {
        return ctx.clients().network();
    }

    /** Every NIC and public IP of the subscription: one paged listing each (the IPs only when a NIC has one). */
    Snapshot all() {
        Map<String, NetworkInterfaceInner> nics = new HashMap<>();
        Map<String, PublicIpAddressInner> ips = new HashMap<>();
        ctx.errors().call(ResourceKind.VM, null, () -> {
            net().getNetworkInterfaces().list().forEach(n -> nics.put(key(n.id()), n));
            if (nics.values().stream().anyMatch(n -> publicIpId(n).isPresent())) {
                net().getPublicIpAddresses().list().forEach(p -> ips.put(key(p.id()), p));
            }
            return nics;
        });
        return new Snapshot(nics, ips);
    }

    /**
     * The NICs of the groups of these NIC ids and the public IPs of the groups those NICs' IPs
     * are in: one paged listing per group and kind, never a call per NIC.
     */
    Snapshot ofGroups(Collection<String> nicIds) {
        Map<String, NetworkInterfaceInner> nics = new HashMap<>();
        Map<String, PublicIpAddressInner> ips = new HashMap<>();
        Set<String> nicGroups = groupsOf(nicIds);
        ctx.errors().call(ResourceKind.VM, null, () -> {
            for (String group : nicGroups) {
                net().getNetworkInterfaces().listByResourceGroup(group).forEach(n -> nics.put(key(n.id()), n));
            }
            Set<String> wanted = new HashSet<>();
            nicIds.forEach(id -> wanted.add(key(id)));
            List<String> ipIds = nics.values().stream().filter(n -> wanted.contains(key(n.id())))
                    .map(AzureVmNetwork::publicIpId).flatMap(Optional::stream).toList();
            for (String group : groupsOf(ipIds)) {
                net().getPublicIpAddresses().listByResourceGroup(group).forEach(p -> ips.put(key(p.id()), p));
            }
            return nics;
        });
        return new Snapshot(nics, ips);
    }

    private static Set<String> groupsOf(Collection<String> ids) {
        Set<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ids.stream().map(AzureIds::group).filter(g -> g != null).forEach(groups::add);
        return groups;
    }

    /** The NIC and public IP of one VM, by id, in whatever group they are (at most two calls). */
    Snapshot of(String nicId) {
        Map<String, NetworkInterfaceInner> nics = new HashMap<>();
        Map<String, PublicIpAddressInner> ips = new HashMap<>();
        if (nicId == null || AzureIds.group(nicId) == null) {
            return new Snapshot(nics, ips);
        }
        ctx.find(ResourceKind.VM, AzureIds.last(nicId), () -> net().getNetworkInterfaces()
                .getByResourceGroup(AzureIds.group(nicId), AzureIds.last(nicId))).ifPresent(nic -> {
                    nics.put(key(nic.id()), nic);
                    publicIpId(nic).filter(id -> AzureIds.group(id) != null).flatMap(id -> ctx.find(ResourceKind.VM, AzureIds.last(id),
                            () -> net().getPublicIpAddresses().getByResourceGroup(AzureIds.group(id), AzureIds.last(id))))
                            .ifPresent(ip -> ips.put(key(ip.id()), ip));
                });
        return new Snapshot(nics, ips);
    }

    /** The NIC ids of VMs, for what their records need. */
    static String key(String id) {
        return id == null ? "" : id.toLowerCase(Locale.ROOT);
    }

    private static Optional<NetworkInterfaceIpConfigurationInner> primary(NetworkInterfaceInner nic) {
        List<NetworkInterfaceIpConfigurationInner> configs = nic.ipConfigurations();
        if (configs == null || configs.isEmpty()) {
            return Optional.empty();
        }
        return configs.stream().filter(c -> Boolean.TRUE.equals(c.primary())).findFirst().or(() -> Optional.of(configs.getFirst()));
    }

    static Optional<String> publicIpId(NetworkInterfaceInner nic) {
        return primary(nic).map(NetworkInterfaceIpConfigurationInner::publicIpAddress).map(p -> p.id());
    }

    static NicView view(NetworkInterfaceInner nic, Map<String, PublicIpAddressInner> ips) {
        Optional<NetworkInterfaceIpConfigurationInner> config = primary(nic);
        String subnetId = config.map(c -> c.subnet() == null ? null : c.subnet().id()).orElse(null);
        String publicIp = publicIpId(nic).map(id -> ips.get(key(id))).map(PublicIpAddressInner::ipAddress).orElse(null);
        String nsg = nic.networkSecurityGroup() == null ? null : AzureIds.last(nic.networkSecurityGroup().id());
        return new NicView(config.map(NetworkInterfaceIpConfigurationInner::privateIpAddress).orElse(null), publicIp,
                AzureIds.after(subnetId, "virtualNetworks"), AzureIds.after(subnetId, "subnets"), nsg);
    }

    /** The VM names of private addresses, from a snapshot (for load balancers). */
    static Map<String, String> vmByPrivateIp(Collection<NetworkInterfaceInner> nics) {
        Map<String, String> byIp = new HashMap<>();
        for (NetworkInterfaceInner nic : nics) {
            if (nic.virtualMachine() != null && nic.virtualMachine().id() != null) {
                primary(nic).map(NetworkInterfaceIpConfigurationInner::privateIpAddress)
                        .ifPresent(ip -> byIp.put(ip, AzureIds.last(nic.virtualMachine().id())));
            }
        }
        return byIp;
    }
}
