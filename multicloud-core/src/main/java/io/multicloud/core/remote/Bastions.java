package io.multicloud.core.remote;

import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the VM to jump through for a VM without a public IP: the one the user named (among the
 * MCI's VMs, else on the target's connection), or else the first, in natural order, running VM
 * with a public IP in the same network and on the same connection — of the MCI first, then any
 * the cloud lists whose login the store can serve.
 */
final class Bastions {
    private final SshCredentials credentials;

    Bastions(SshCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * The bastion for the target, or a failure saying why there is none.
     *
     * @param target a VM without a public IP
     * @param neighbours the MCI's VMs
     * @param named the bastion the user named, or null
     */
    RemoteVm choose(RemoteVm target, List<RemoteVm> neighbours, String named) {
        if (named != null) {
            return neighbours.stream().filter(n -> n.name().equals(named)).findFirst()
                    .or(() -> target.cloud().vms().find(named).map(vm -> asNeighbour(target, vm)))
                    .filter(Bastions::usable)
                    .orElseThrow(() -> new RemoteFailure(TransportError.Kind.NO_ROUTE, "the bastion " + named + " for VM "
                            + target.name() + " is not a running VM with a public IP of its MCI or connection"));
        }
        Optional<RemoteVm> fromMci = neighbours.stream()
                .filter(n -> n.connection().equals(target.connection()) && sameNetwork(n.vm(), target.vm()) && usable(n))
                .min(Comparator.comparing(RemoteVm::name, CommandTarget.NATURAL_ORDER));
        return fromMci.or(() -> target.cloud().vms().list().stream()
                        .filter(vm -> sameNetwork(vm, target.vm()))
                        .map(vm -> asNeighbour(target, vm))
                        .filter(n -> usable(n) && credentials.has(n))
                        .min(Comparator.comparing(RemoteVm::name, CommandTarget.NATURAL_ORDER)))
                .orElseThrow(() -> new RemoteFailure(TransportError.Kind.NO_ROUTE, "VM " + target.name()
                        + " has no public IP, and no running VM with a public IP in its network (" + target.vm().vpc()
                        + " on " + target.connection() + ") can be its bastion; name one with RemoteCommand.bastion(..)"));
    }

    private static RemoteVm asNeighbour(RemoteVm target, Vm vm) {
        return new RemoteVm(target.cloud(), vm, new CommandTarget(target.target().mci(), vm.name(), 0, vm.publicIp(),
                vm.privateIp(), null));
    }

    private static boolean usable(RemoteVm candidate) {
        Vm vm = candidate.vm();
        return vm.status() == VmStatus.RUNNING && vm.publicIp() != null && vm.ssh() != null;
    }

    private static boolean sameNetwork(Vm a, Vm b) {
        return a.vpc() != null && a.vpc().equals(b.vpc()) && !a.name().equals(b.name());
    }
}
