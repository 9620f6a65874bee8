package io.multicloud.driver.openstack;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.CloudInitUserData;
import io.multicloud.spi.VmService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.compute.Action;
import org.openstack4j.model.compute.Address;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Keypair;
import org.openstack4j.model.compute.RebootType;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.builder.ServerCreateBuilder;
import org.openstack4j.model.network.IP;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.options.PortListOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VMs as Nova servers. A server is booted on a Neutron port that this class makes first, on the
 * requested subnet with the requested security groups, so the VM lands in that subnet (Nova alone
 * picks any subnet of a network); the port is named after the VM and deleted with it (Nova keeps
 * ports it did not make). The user's tags, the managed marker, the image name the user gave and
 * the login user travel in the server's metadata, which Nova sets at boot in one step and returns
 * with every server (Nova's string tags need a newer microversion than openstack4j speaks).
 *
 * <p>Statuses follow {@link NovaStatus}. Suspend is Nova's suspend; resume is resume for a
 * suspended server, start for a stopped (SHUTOFF) one and unpause for a paused one; reboot is a
 * soft reboot. A server in ERROR is FAILED with Nova's fault message as its status reason.
 * A Linux VM launched with a key pair gets {@link CloudInitUserData} creating the login user
 * {@code multicloud}. Every server of the project is listed, named by its name when valid, else
 * by its id ({@link OpenStackNames}). The public IP is a floating address, else a fixed IPv4
 * address on an external network ({@code router:external}) or one that is publicly routable by
 * itself (a provider network of a cloud without floating IPs); the private IP is the first other
 * fixed address (the public one when there is no other). SHELVED and SHELVED_OFFLOADED servers
 * are SUSPENDED, and resume unshelves them. With the connection property {@code floating_network} (an external network's
 * name), each VM's port gets a floating IP from it at create (unless the request asks for no
 * public IP), released again at delete (a floating IP is the project's until released, VM or not).
 */
final class OpenStackVms implements VmService {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackVms.class);
    private static final ResourceKind KIND = ResourceKind.VM;
    static final String IMAGE_KEY = "multicloud:image";
    static final String LOGIN_USER_KEY = "multicloud:login-user";
    /** Property: the external network each VM gets a floating (public) IP from. */
    static final String FLOATING_NETWORK = "floating_network";

    private final OpenStackContext ctx;
    private final OpenStackImages images;
    private final OpenStackSpecs specs;
    private final OpenStackLookups lookups;
    private final NeutronTags neutronTags;

    OpenStackVms(OpenStackContext ctx, OpenStackImages images, OpenStackSpecs specs) {
        this.ctx = ctx;
        this.images = images;
        this.specs = specs;
        this.lookups = new OpenStackLookups(ctx);
        this.neutronTags = new NeutronTags(ctx);
    }

    /** The networks and subnets that servers' ports refer to, fetched once for many servers. */
    private record Related(Map<String, Network> networks, Map<String, org.openstack4j.model.network.Subnet> subnets,
                           Map<String, List<Port>> portsByServer, Map<String, List<Port>> portsByName,
                           Map<String, Flavor> flavors, Map<String, String> groups) {

        /** The server's ports; while Nova is still binding a new server's port, the port named after it. */
        List<Port> portsOf(Server server) {
            List<Port> bound = portsByServer.getOrDefault(server.getId(), List.of());
            return bound.isEmpty() ? portsByName.getOrDefault(server.getName(), List.of()) : bound;
        }
    }

    @Override
    public List<Vm> list() {
        return toRecords(lookups.servers());
    }

    /**
     * Nova's metadata has no server-side filter: one listing, filtered here before the networks
     * and ports are read (and not read at all when no server carries the tag).
     */
    @Override
    public List<Vm> listTagged(String key, String value) {
        return toRecords(lookups.servers().stream().filter(s -> {
            Map<String, String> metadata = s.getMetadata() == null ? Map.of() : s.getMetadata();
            return metadata.containsKey(key) && (value == null || value.equals(metadata.get(key)));
        }).toList());
    }

    private List<Vm> toRecords(List<Server> servers) {
        if (servers.isEmpty()) {
            return List.of();
        }
        Related related = related();
        return servers.stream().map(s -> toRecord(s, related)).sorted(Comparator.comparing(Vm::name)).toList();
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        return lookups.server(nameOrId).map(s -> toRecord(s, related()));
    }

    @Override
    public Vm create(VmRequest request) {
        String name = request.name();
        if (lookups.server(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        // Every input is looked up before anything is made: a bad one costs no resource.
        var image = images.resolve(request.image());
        var imageRecord = images.toRecord(image);
        Flavor flavor = specs.flavor(request.spec());
        if (request.rootDiskGB() > 0 && request.rootDiskGB() > flavor.getDisk()) {
            throw new InvalidRequestException(context(name), "rootDiskGB", "spec " + request.spec() + " has a "
                    + flavor.getDisk() + " GB root disk; OpenStack cannot grow it to " + request.rootDiskGB() + " GB");
        }
        Network network = lookups.requireNetwork(request.vpc());
        var subnet = lookups.requireSubnet(network, request.subnet());
        List<String> groupIds = request.securityGroups().stream().map(lookups::requireSecurityGroup).map(SecurityGroup::getId).toList();
        Keypair keypair = request.keyPair() == null ? null : Optional.ofNullable(ctx.errors().call(ResourceKind.KEY_PAIR,
                request.keyPair(), () -> ctx.client().compute().keypairs().get(request.keyPair())))
                .orElseThrow(() -> ctx.errors().notFound(ResourceKind.KEY_PAIR, request.keyPair()));
        boolean linux = imageRecord.platform() != Platform.WINDOWS;
        String loginUser = keypair != null && linux ? CloudInitUserData.USER : imageRecord.loginUser();
        String zone = request.zone() != null ? request.zone()
                : Optional.ofNullable(neutronTags.readAll(org.openstack4j.model.network.Resource.SUBNET, subnet.getId(),
                        ResourceKind.SUBNET, subnet.getName()).get(OpenStackNetworks.ZONE_TAG)).orElse(ctx.defaultZone());

        Network floatingNetwork = request.publicIp() ? floatingNetwork() : null;
        Port port = createPort(name, network, subnet, groupIds);
        try {
            if (floatingNetwork != null) {
                ctx.errors().call(KIND, name, () -> ctx.client().networking().floatingip().create(Builders.netFloatingIP()
                        .floatingNetworkId(floatingNetwork.getId()).portId(port.getId())
                        .description("multicloud VM " + name).build()));
            }
            Map<String, String> metadata = new LinkedHashMap<>(request.tags());
            metadata.keySet().removeIf(TagStrings::isOwn);
            metadata.put(TagStrings.MANAGED_KEY, "true");
            metadata.put(IMAGE_KEY, request.image());
            if (loginUser != null) {
                metadata.put(LOGIN_USER_KEY, loginUser);
            }
            ServerCreateBuilder server = Builders.server().name(name).flavor(flavor.getId()).image(image.getId())
                    .addNetworkPort(port.getId()).addMetadata(metadata);
            if (keypair != null) {
                server.keypairName(keypair.getName());
            }
            String userData = keypair != null && linux ? CloudInitUserData.build(keypair.getPublicKey(), request.userData())
                    : request.userData();
            if (userData != null && !userData.isEmpty()) {
                server.userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
            }
            if (zone != null) {
                server.availabilityZone(zone);
            }
            Server booted = ctx.errors().call(KIND, name, () -> ctx.client().compute().servers().boot(server.build()));
            LOG.debug("{}: booting VM {} as server {}", ctx.config().name(), name, booted.getId());
        } catch (RuntimeException e) {
            releaseFloatingIpsQuietly(port, e);
            deletePortQuietly(port, e);
            throw e;
        }
        return find(name).orElseGet(() -> new Vm(name, null, VmStatus.CREATING, null, ctx.config().region(), zone,
                request.spec(), request.image(), request.vpc(), request.subnet(), request.securityGroups(),
                request.keyPair(), null, null, null, flavor.getDisk(), null, null, request.tags()));
    }

    @Override
    public void delete(String name) {
        Server server = lookups.requireServer(name);
        List<Port> ports = server.getName() == null ? List.of() : ownPorts(server.getId(), server.getName());
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().compute().servers().delete(server.getId())),
                KIND, name);
        // Nova keeps ports it did not make; Neutron lets a server's port go, and Nova lets go of it.
        for (Port port : ports) {
            try {
                releaseFloatingIps(port);
                ctx.errors().check(ctx.client().networking().port().delete(port.getId()), ResourceKind.VM, name);
            } catch (RuntimeException e) {
                LOG.warn("{}: VM {} is being deleted, but its port {} could not be: {}", ctx.config().name(), name,
                        port.getId(), e.getMessage());
            }
        }
    }

    @Override
    public VmStatus suspend(String name) {
        return act(name, Action.SUSPEND, VmStatus.SUSPENDING);
    }

    @Override
    public VmStatus resume(String name) {
        Server server = lookups.requireServer(name);
        Action action = switch (server.getStatus() == null ? Server.Status.UNKNOWN : server.getStatus()) {
            case SHUTOFF, STOPPED -> Action.START;
            case PAUSED -> Action.UNPAUSE;
            case SHELVED, SHELVED_OFFLOADED -> Action.UNSHELVE;
            default -> Action.RESUME;
        };
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().compute().servers().action(server.getId(), action)),
                KIND, name);
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String name) {
        Server server = lookups.requireServer(name);
        ctx.errors().check(ctx.errors().call(KIND, name,
                () -> ctx.client().compute().servers().reboot(server.getId(), RebootType.SOFT)), KIND, name);
        return VmStatus.REBOOTING;
    }

    private VmStatus act(String name, Action action, VmStatus transitional) {
        Server server = lookups.requireServer(name);
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().compute().servers().action(server.getId(), action)),
                KIND, name);
        return transitional;
    }

    private Port createPort(String name, Network network, org.openstack4j.model.network.Subnet subnet, List<String> groupIds) {
        var builder = Builders.port().name(name).networkId(network.getId()).fixedIp(null, subnet.getId());
        groupIds.forEach(builder::securityGroup);
        Port port = ctx.errors().call(KIND, name, () -> ctx.client().networking().port().create(builder.build()));
        try {
            neutronTags.tagNew(org.openstack4j.model.network.Resource.PORT, port.getId(), KIND, name, Map.of(), Map.of());
        } catch (RuntimeException e) {
            deletePortQuietly(port, e);
            throw e;
        }
        return port;
    }

    /**
     * The ports this library made for a server: named after the VM, bound to the server or (while
     * Nova is still binding it) to nothing yet.
     */
    private List<Port> ownPorts(String serverId, String name) {
        List<? extends Port> ports = ctx.errors().call(KIND, name, () -> ctx.client().networking().port()
                .list(PortListOptions.create().name(name).tenantId(ctx.projectId())));
        return ports.stream().filter(p -> name.equals(p.getName()))
                .filter(p -> p.getDeviceId() == null || p.getDeviceId().isEmpty() || serverId.equals(p.getDeviceId()))
                .map(p -> (Port) p).toList();
    }

    /**
     * The external network to take public addresses from (property {@code floating_network}), or
     * null for none; an unknown one is NotFound before anything is made.
     */
    private Network floatingNetwork() {
        String name = ctx.config().property(FLOATING_NETWORK).orElse(null);
        if (name == null || name.isBlank()) {
            return null;
        }
        return ctx.errors().call(ResourceKind.VPC, name, () -> ctx.client().networking().network().list(Map.of("name", name)))
                .stream().filter(n -> name.equals(n.getName())).findFirst().map(n -> (Network) n)
                .orElseThrow(() -> new io.multicloud.api.NotFoundException(ErrorContext.of(ctx.config().name(), ResourceKind.VPC, name),
                        "no external network named '" + name + "' (property " + FLOATING_NETWORK + ")"));
    }

    /**
     * Releases the floating IPs on a port: they are the project's until released, VM or not. Only
     * with {@code floating_network} set: a cloud without Neutron's L3 has no floating IP API.
     */
    private void releaseFloatingIps(Port port) {
        if (ctx.config().property(FLOATING_NETWORK).filter(n -> !n.isBlank()).isEmpty()) {
            return;
        }
        ctx.errors().call(KIND, port.getName(), () -> ctx.client().networking().floatingip().list(Map.of("port_id", port.getId())))
                .forEach(ip -> ctx.errors().check(ctx.client().networking().floatingip().delete(ip.getId()), KIND, port.getName()));
    }

    private void releaseFloatingIpsQuietly(Port port, RuntimeException cause) {
        try {
            releaseFloatingIps(port);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void deletePortQuietly(Port port, RuntimeException cause) {
        try {
            ctx.errors().check(ctx.client().networking().port().delete(port.getId()), KIND, port.getName());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Related related() {
        Map<String, Network> networks = new HashMap<>();
        lookups.networks().forEach(n -> networks.put(n.getId(), n));
        Map<String, org.openstack4j.model.network.Subnet> subnets = new HashMap<>();
        lookups.subnets(Map.of()).forEach(s -> subnets.put(s.getId(), s));
        Map<String, List<Port>> ports = new HashMap<>();
        Map<String, List<Port>> portsByName = new HashMap<>();
        Pages.<Port>all(ctx.pageSize(), Map.of("project_id", ctx.projectId()), params -> {
                    Map<String, List<String>> query = new HashMap<>();
                    params.forEach((k, v) -> query.put(k, List.of(v)));
                    return ctx.errors().call(KIND, null, () -> ctx.client().networking().port().list(query));
                }, Port::getId)
                .forEach(p -> {
                    ports.computeIfAbsent(p.getDeviceId() == null ? "" : p.getDeviceId(), k -> new ArrayList<>()).add(p);
                    portsByName.computeIfAbsent(p.getName() == null ? "" : p.getName(), k -> new ArrayList<>()).add(p);
                });
        Map<String, Flavor> flavors = new HashMap<>();
        ctx.errors().call(ResourceKind.SPEC, null, () -> ctx.client().compute().flavors().list())
                .forEach(f -> flavors.put(f.getId(), f));
        Map<String, String> groups = OpenStackLookups.namesById(lookups.securityGroups(), SecurityGroup::getId, SecurityGroup::getName);
        return new Related(networks, subnets, ports, portsByName, flavors, groups);
    }

    private Vm toRecord(Server server, Related related) {
        if (server.getId() == null) {
            throw new io.multicloud.api.CloudException(context(server.getName()), "Nova listed a server without an id: it cannot be read");
        }
        String name = OpenStackNames.of(server.getName(), server.getId());
        Map<String, String> metadata = server.getMetadata() == null ? Map.of() : server.getMetadata();
        Map<String, String> tags = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k != null && !TagStrings.isOwn(k)) {
                tags.put(k, v == null ? "" : v);
            }
        });
        Addresses addresses = addresses(server, related);
        String vpc = null;
        String subnet = null;
        for (Port port : related.portsOf(server)) {
            Network network = related.networks().get(port.getNetworkId());
            vpc = network == null ? port.getNetworkId() : OpenStackNames.of(network.getName(), network.getId());
            for (IP ip : port.getFixedIps() == null ? java.util.Set.<IP>of() : port.getFixedIps()) {
                var s = related.subnets().get(ip.getSubnetId());
                subnet = s == null ? ip.getSubnetId() : OpenStackNames.of(s.getName(), s.getId());
            }
            break;
        }
        String host = addresses.publicIp() != null ? addresses.publicIp() : addresses.privateIp();
        String loginUser = metadata.get(LOGIN_USER_KEY);
        SshAccess ssh = host == null ? null : new SshAccess(host, 22, loginUser);
        VmStatus status = NovaStatus.of(server);
        String reason = status == VmStatus.FAILED ? faultOf(server) : null;
        // Not server.getFlavor(): openstack4j would fetch the flavor once per server.
        Flavor flavor = related.flavors().get(server.getFlavorId());
        String spec = flavor == null ? server.getFlavorId() : flavor.getName();
        int rootDisk = flavor == null ? 0 : flavor.getDisk();
        return new Vm(name, server.getId(), status, reason, ctx.config().region(), server.getAvailabilityZone(),
                spec, metadata.getOrDefault(IMAGE_KEY, server.getImageId()), vpc, subnet, groups(server, related),
                server.getKeyName(), addresses.publicIp(), addresses.privateIp(), ssh, rootDisk, null,
                server.getCreated() == null ? null : server.getCreated().toInstant(), tags);
    }

    /** A server's public and private IPv4 addresses. */
    record Addresses(String publicIp, String privateIp) {
    }

    /**
     * The public IP: a floating address, else a fixed one on an external network or publicly
     * routable by itself; the private IP: the first other fixed address, else the public one (a
     * VM on a provider network has one address, which is both). Fixed addresses come from the
     * server's ports (whose networks say {@code router:external}) and from Nova's address list
     * (by network name), which is all there is while a port is not visible to the project.
     */
    private static Addresses addresses(Server server, Related related) {
        String floating = null;
        Map<String, Boolean> fixed = new LinkedHashMap<>();
        for (Port port : related.portsOf(server)) {
            Network network = related.networks().get(port.getNetworkId());
            boolean external = network != null && network.isRouterExternal();
            for (IP ip : port.getFixedIps() == null ? java.util.Set.<IP>of() : port.getFixedIps()) {
                if (ip.getIpAddress() != null && PublicAddresses.isIpv4(ip.getIpAddress())) {
                    fixed.putIfAbsent(ip.getIpAddress(), external);
                }
            }
        }
        Map<String, Boolean> externalByName = new HashMap<>();
        related.networks().values().forEach(n -> {
            if (n.getName() != null) {
                externalByName.merge(n.getName(), n.isRouterExternal(), Boolean::logicalOr);
            }
        });
        if (server.getAddresses() != null && server.getAddresses().getAddresses() != null) {
            for (Map.Entry<String, List<? extends Address>> entry : server.getAddresses().getAddresses().entrySet()) {
                for (Address address : entry.getValue() == null ? List.<Address>of() : entry.getValue()) {
                    if (address == null || address.getAddr() == null || address.getVersion() != 4) {
                        continue;
                    }
                    if ("floating".equals(address.getType())) {
                        floating = floating == null ? address.getAddr() : floating;
                    } else {
                        fixed.putIfAbsent(address.getAddr(), externalByName.getOrDefault(entry.getKey(), false));
                    }
                }
            }
        }
        String publicFixed = fixed.entrySet().stream().filter(e -> e.getValue() || PublicAddresses.routable(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        String publicIp = floating != null ? floating : publicFixed;
        String privateIp = fixed.keySet().stream().filter(a -> !a.equals(publicIp)).findFirst()
                .orElse(fixed.isEmpty() ? null : fixed.keySet().iterator().next());
        return new Addresses(publicIp, privateIp);
    }

    /** The names of a server's security groups, read from its ports (ids), else from Nova (names). */
    private static List<String> groups(Server server, Related related) {
        List<String> ids = related.portsOf(server).stream()
                .flatMap(p -> p.getSecurityGroups() == null ? java.util.stream.Stream.<String>empty() : p.getSecurityGroups().stream())
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (!ids.isEmpty()) {
            return ids.stream().map(id -> related.groups().getOrDefault(id, id)).distinct().sorted().toList();
        }
        return server.getSecurityGroups() == null ? List.of() : server.getSecurityGroups().stream()
                .filter(g -> g != null && g.getName() != null).map(g -> g.getName()).distinct().sorted().toList();
    }

    /** Nova's fault message of a server in ERROR; a listing leaves it out, so it is read from the server itself. */
    private String faultOf(Server server) {
        if (server.getFault() != null) {
            return server.getFault().getMessage();
        }
        Server shown = ctx.errors().call(KIND, server.getName(), () -> ctx.client().compute().servers().get(server.getId()));
        return shown == null || shown.getFault() == null ? null : shown.getFault().getMessage();
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
