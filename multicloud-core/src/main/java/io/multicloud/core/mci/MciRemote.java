package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Region;
import io.multicloud.core.remote.CommandTarget;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.FunctionExpander;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.RemoteExecutor;
import io.multicloud.core.remote.RemoteVm;
import io.multicloud.core.remote.TransferReport;
import io.multicloud.core.remote.TransferResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an MCI's VMs into what the remote layer works on: the cloud's current view of each VM
 * (read afresh, so addresses are current), and for the built-in functions each VM's position in
 * natural order and its region's location, for this MCI and every other one a target may name.
 */
final class MciRemote {
    private final MciEngine engine;
    private final RemoteExecutor remote;

    MciRemote(MciEngine engine, RemoteExecutor remote) {
        this.engine = engine;
        this.remote = remote;
    }

    ExecReport exec(Mci mci, RemoteCommand command) {
        // Parsing first also refuses a malformed command before any cloud is called.
        boolean readsLocation = command.commands().stream().map(FunctionExpander::parse)
                .anyMatch(FunctionExpander::readsLocation);
        mci.refresh();
        View view = view(mci, readsLocation);
        return remote.exec(mci.name(), view.select(mci, command.selector()), view.all(), view.fleet(), command);
    }

    TransferReport upload(Mci mci, Path local, String remotePath, RemoteCommand options) {
        mci.refresh();
        View view = view(mci, false);
        return remote.upload(mci.name(), view.select(mci, options.selector()), view.all(), local, remotePath, options);
    }

    TransferResult download(Mci mci, String vm, Path local, String remotePath, RemoteCommand options) {
        mci.refresh();
        View view = view(mci, false);
        List<RemoteVm> one = view.select(mci, Mci.VM_LABEL + "=" + vm);
        if (one.isEmpty()) {
            throw new io.multicloud.api.NotFoundException(io.multicloud.api.ErrorContext.of(null, io.multicloud.api.ResourceKind.VM, vm),
                    "MCI " + mci.name() + " has no VM '" + vm + "'");
        }
        return remote.download(one.get(0), view.all(), remotePath, local, options);
    }

    /**
     * The MCI's VMs as remote targets, and the fleet of every MCI the functions may read; the
     * regions' locations are looked up only when a command reads them.
     */
    private View view(Mci mci, boolean withLocations) {
        Map<String, Optional<GeoLocation>> locations = withLocations ? new ConcurrentHashMap<>() : null;
        Map<String, List<CommandTarget>> fleet = new HashMap<>();
        for (Mci any : engine.held()) {
            fleet.put(any.name(), targets(any, locations));
        }
        fleet.put(mci.name(), targets(mci, locations));
        Map<String, CommandTarget> byVm = new HashMap<>();
        fleet.get(mci.name()).forEach(t -> byVm.put(t.vm(), t));
        List<RemoteVm> all = mci.vms().stream().map(m -> new RemoteVm(m.cloud(), m.vm(), byVm.get(m.name()))).toList();
        return new View(all, fleet);
    }

    private static List<CommandTarget> targets(Mci mci, Map<String, Optional<GeoLocation>> locations) {
        return CommandTarget.indexed(mci.vms().stream().map(m -> new CommandTarget(mci.name(), m.name(), 0, m.vm().publicIp(),
                m.vm().privateIp(), location(m.cloud(), m.vm().region(), locations))).toList());
    }

    /**
     * The region's location, looked up once per connection and region (null when the cloud does
     * not say, or when {@code locations} is null: nothing reads it).
     */
    private static GeoLocation location(Cloud cloud, String region, Map<String, Optional<GeoLocation>> locations) {
        if (region == null || locations == null) {
            return null;
        }
        return locations.computeIfAbsent(cloud.config().name() + "|" + region, k -> {
            try {
                return cloud.regions().find(region).map(Region::location);
            } catch (io.multicloud.api.CloudException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private record View(List<RemoteVm> all, Map<String, List<CommandTarget>> fleet) {
        List<RemoteVm> select(Mci mci, String selector) {
            java.util.Set<String> names = (selector.isBlank() ? mci.vms() : mci.vms(selector)).stream().map(MciVm::name)
                    .collect(java.util.stream.Collectors.toSet());
            return all.stream().filter(v -> names.contains(v.name())).toList();
        }
    }
}
