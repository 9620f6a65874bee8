package io.multicloud.core.remote;

import io.multicloud.api.Secret;
import io.multicloud.api.Vm;
import java.util.Optional;

/**
 * Finds how to log in to a VM: its key pair's private key from the store, else a password the
 * user stored for the VM. Reads the store only when a login needs it.
 */
final class SshCredentials {
    private final SshStore store;

    SshCredentials(SshStore store) {
        this.store = store;
    }

    /** Whether the store can log in to the VM. */
    boolean has(RemoteVm vm) {
        String keyPair = vm.vm().keyPair();
        return (keyPair != null && store.hasPrivateKey(vm.connection(), keyPair))
                || store.password(vm.connection(), vm.name()).isPresent();
    }

    /**
     * The endpoint to log in to the VM at (no secret is read yet).
     *
     * @param vm the VM (its address, when it has no public IP, is as a bastion in its network sees it)
     */
    SshEndpoint endpoint(RemoteVm vm) {
        Vm v = vm.vm();
        if (v.ssh() == null || v.ssh().host() == null) {
            throw new RemoteFailure(TransportError.Kind.NO_ROUTE, "VM " + vm.name() + " on " + vm.connection()
                    + " has no address to log in to yet (it is " + v.status().display() + ")");
        }
        if (!v.ssh().reachable()) {
            throw new RemoteFailure(TransportError.Kind.NO_ROUTE, "VM " + vm.name() + " on " + vm.connection()
                    + " cannot be reached: " + v.ssh().unreachableReason());
        }
        if (v.ssh().user() == null) {
            throw new RemoteFailure(TransportError.Kind.NO_CREDENTIAL, "VM " + vm.name() + " on " + vm.connection()
                    + " has no known login user");
        }
        return new SshEndpoint(vm.connection(), vm.name(), v.id(), v.ssh().host(), v.ssh().port(), v.ssh().user(), v.keyPair());
    }

    /** What to log in with: one of the two is set. Its text form shows neither. */
    record Login(Secret privateKey, Secret password) {
        @Override
        public String toString() {
            return "Login[" + (privateKey != null ? "key" : "password") + "]";
        }
    }

    /** The key pair's private key, else the VM's password, from the store; read when a session is made. */
    Login login(SshEndpoint target) {
        Optional<Secret> key = target.keyPair() == null ? Optional.empty() : store.privateKey(target.connection(), target.keyPair());
        Optional<Secret> password = key.isPresent() ? Optional.empty() : store.password(target.connection(), target.vm());
        if (key.isEmpty() && password.isEmpty()) {
            throw new RemoteFailure(TransportError.Kind.NO_CREDENTIAL, "no way to log in to VM " + target.vm() + " on "
                    + target.connection() + ": " + (target.keyPair() == null ? "it has no key pair" : "the private key of key pair "
                    + target.keyPair() + " is not") + " in the SSH store " + store.directory() + ", nor a password for the VM"
                    + " (put one with SshStore.putPrivateKey or putPassword)");
        }
        return new Login(key.orElse(null), password.orElse(null));
    }
}
