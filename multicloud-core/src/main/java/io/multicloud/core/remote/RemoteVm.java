package io.multicloud.core.remote;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import java.util.Objects;

/**
 * A VM as the remote layer sees it: the connection it runs on, the cloud's current view of it,
 * and what the built-in functions read about it.
 *
 * @param cloud its connection
 * @param vm the cloud's view of it (address, login user, key pair, status)
 * @param target what {@code $$Func(...)} reads about it
 */
public record RemoteVm(Cloud cloud, Vm vm, CommandTarget target) {
    public RemoteVm {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(target, "target");
    }

    /** The VM's name. */
    public String name() {
        return vm.name();
    }

    /** Its connection's name. */
    public String connection() {
        return cloud.config().name();
    }
}
