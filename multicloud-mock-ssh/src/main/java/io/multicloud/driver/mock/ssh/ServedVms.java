package io.multicloud.driver.mock.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;

/**
 * The VMs being served, found by name (the tests' handle) or by port (how a session tells which
 * VM it reached: every VM has its own port on the one server). Thread-safe.
 */
final class ServedVms {
    private final Map<String, ServedVm> byName = new ConcurrentHashMap<>();
    private final Map<Integer, ServedVm> byPort = new ConcurrentHashMap<>();

    /** Adds a VM; false when one of that name is served already. */
    boolean add(ServedVm vm) {
        if (byName.putIfAbsent(vm.name(), vm) != null) {
            return false;
        }
        byPort.put(vm.port(), vm);
        return true;
    }

    void remove(ServedVm vm) {
        byName.remove(vm.name(), vm);
        byPort.remove(vm.port(), vm);
    }

    Optional<ServedVm> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<ServedVm> all() {
        return List.copyOf(byName.values());
    }

    /** The VM a session reached, by the port it connected to; null for a session on no served port. */
    ServedVm of(SessionContext context) {
        if (!(context instanceof Session session) || session.getIoSession() == null) {
            return null;
        }
        return onPort(localPort(session));
    }

    ServedVm onPort(int port) {
        return byPort.get(port);
    }

    /** The VM whose private IP and SSH port a session on {@code from} asks to reach, when its VPC routes there. */
    Optional<ServedVm> peer(ServedVm from, String host, int port) {
        if (port != 22) {
            return Optional.empty();
        }
        return byName.values().stream()
                .filter(v -> v.vm().privateIp().equals(host) && from.sharesVpcWith(v))
                .findFirst();
    }

    static int localPort(Session session) {
        SocketAddress local = session.getIoSession().getLocalAddress();
        return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }
}
