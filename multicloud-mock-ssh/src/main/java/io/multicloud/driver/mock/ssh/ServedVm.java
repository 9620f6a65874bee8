package io.multicloud.driver.mock.ssh;

import io.multicloud.driver.mock.MockSshVm;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * One mock VM with its SSH endpoint: the VM's details, the loopback address its server listens
 * on, its home and bin directories, who may log in, and its host key. The host key and the
 * password may change while sessions run (a rotation, a test setting a password), so they are
 * volatile; everything else is fixed when the VM is served. Its {@code toString} never shows
 * the password.
 */
final class ServedVm {
    private final MockSshVm vm;
    private final InetSocketAddress address;
    private final VmDirs dirs;
    private final PublicKey authorizedKey;
    private volatile KeyPair hostKey;
    private volatile String password;
    private volatile boolean reachable = true;

    ServedVm(MockSshVm vm, InetSocketAddress address, VmDirs dirs, PublicKey authorizedKey) {
        this.vm = vm;
        this.address = address;
        this.dirs = dirs;
        this.authorizedKey = authorizedKey;
    }

    MockSshVm vm() {
        return vm;
    }

    String name() {
        return vm.name();
    }

    InetSocketAddress address() {
        return address;
    }

    int port() {
        return address.getPort();
    }

    Path home() {
        return dirs.home();
    }

    boolean reachable() {
        return reachable;
    }

    void reachable(boolean value) {
        reachable = value;
    }

    /** The host key, made on first use so that serving a VM stays cheap. */
    KeyPair hostKey() {
        KeyPair key = hostKey;
        if (key == null) {
            synchronized (this) {
                if (hostKey == null) {
                    hostKey = newHostKey();
                }
                key = hostKey;
            }
        }
        return key;
    }

    /** A new host key, as when a VM is rebuilt. */
    synchronized void rotateHostKey() {
        hostKey = newHostKey();
    }

    void password(String value) {
        password = value;
    }

    /** Only the VM's login user with the VM's own key pair. */
    boolean acceptsKey(String user, PublicKey key) {
        return vm.loginUser().equals(user) && authorizedKey != null && KeyUtils.compareKeys(authorizedKey, key);
    }

    /** Only the VM's login user with the password a test set; no password set, no password login. */
    boolean acceptsPassword(String user, String given) {
        String expected = password;
        return expected != null && given != null && vm.loginUser().equals(user)
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a session on this VM may tunnel to the other one: same account, region and VPC, as a VPC's routing allows. */
    boolean sharesVpcWith(ServedVm other) {
        MockSshVm o = other.vm;
        return vm.account().equals(o.account()) && vm.region().equals(o.region()) && vm.vpc().equals(o.vpc());
    }

    /**
     * The environment of a command, as a login would give it: no variable of the JVM leaks in
     * except the system part of PATH; the client's LANG and LC_* pass, as Ubuntu's sshd accepts.
     */
    Map<String, String> environment(Map<String, String> fromClient) {
        Map<String, String> env = new LinkedHashMap<>();
        fromClient.forEach((k, v) -> {
            if (k.equals("LANG") || k.startsWith("LC_")) {
                env.put(k, v);
            }
        });
        env.put("HOME", dirs.home().toString());
        env.put("USER", vm.loginUser());
        env.put("LOGNAME", vm.loginUser());
        env.put("SHELL", "/bin/sh");
        env.put("PATH", dirs.bin() + ":" + systemPath());
        env.put("MC_VM_NAME", vm.name());
        env.put("MC_VM_ID", vm.id());
        env.put("MC_PUBLIC_IP", vm.publicIp() == null ? "" : vm.publicIp());
        env.put("MC_PRIVATE_IP", vm.privateIp());
        env.put("MC_LOGIN_USER", vm.loginUser());
        return env;
    }

    /** The JVM's PATH, the system part of every command's PATH. */
    static String systemPath() {
        String path = System.getenv("PATH");
        return path == null || path.isBlank() ? "/usr/local/bin:/usr/bin:/bin" : path;
    }

    /**
     * An Ed25519 host key, as a cloud image's sshd offers first. MINA signs with it through Bouncy
     * Castle (on the class path with multicloud-core), as the client checks it, both several
     * times quicker than the JDK's Ed25519 or ECDSA P-256 when 200 VMs log in at once on two cores.
     */
    private static KeyPair newHostKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an Ed25519 host key", e);
        }
    }

    @Override
    public String toString() {
        return "ServedVm[" + vm.name() + " (" + vm.id() + ") on 127.0.0.1:" + port() + (reachable ? "" : ", unreachable") + "]";
    }
}
