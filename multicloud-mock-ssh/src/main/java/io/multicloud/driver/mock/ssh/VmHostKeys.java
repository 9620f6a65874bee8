package io.multicloud.driver.mock.ssh;

import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;

/** Each VM shows its own host key: the one of the VM whose port the session reached; none on any other port. */
final class VmHostKeys implements KeyPairProvider {
    private final ServedVms vms;

    VmHostKeys(ServedVms vms) {
        this.vms = vms;
    }

    @Override
    public Iterable<KeyPair> loadKeys(SessionContext session) {
        ServedVm vm = vms.of(session);
        return vm == null ? List.of() : List.of(vm.hostKey());
    }
}
