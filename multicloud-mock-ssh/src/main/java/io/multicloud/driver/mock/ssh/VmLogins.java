package io.multicloud.driver.mock.ssh;

import java.security.PublicKey;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who may log in to the VM a session reached: its login user, with its key pair or the password a test set. */
final class VmLogins implements PublickeyAuthenticator, PasswordAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(VmLogins.class);

    private final ServedVms vms;

    VmLogins(ServedVms vms) {
        this.vms = vms;
    }

    @Override
    public boolean authenticate(String user, PublicKey key, ServerSession session) {
        ServedVm vm = vms.of(session);
        boolean ok = vm != null && vm.acceptsKey(user, key);
        log.debug("key login of '{}' on {}: {}", user, vm, ok ? "accepted" : "refused");
        return ok;
    }

    @Override
    public boolean authenticate(String user, String password, ServerSession session) {
        ServedVm vm = vms.of(session);
        boolean ok = vm != null && vm.acceptsPassword(user, password);
        log.debug("password login of '{}' on {}: {}", user, vm, ok ? "accepted" : "refused");
        return ok;
    }
}
