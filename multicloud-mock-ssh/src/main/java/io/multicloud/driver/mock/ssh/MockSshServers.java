package io.multicloud.driver.mock.ssh;

import io.multicloud.driver.mock.MockSshHosting;
import io.multicloud.driver.mock.MockSshVm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real SSH servers on {@code 127.0.0.1} behind mock VMs, so that remote commands really run: in
 * a demo, in JShell or in a test (this module depends on no test framework; the test kit's
 * {@code @MockCloudTest(ssh = true)} starts one for a test). Hand it to a mock connection
 * ({@code cloud.unwrap(MockControl.class).serveSsh(servers)}): each VM created through that
 * connection from then on gets its own port and Ed25519 host key, and its {@code Vm.ssh()}
 * points there (a VM without a public IP is reached through a bastion, see below).
 * <pre>{@code
 * try (MockSshServers servers = MockSshServers.start();          // VMs' homes in a temporary directory
 *      MultiCloud mc = MultiCloud.create()) {
 *     Cloud mars = mc.connect("mock", "mars");
 *     mars.unwrap(MockControl.class).serveSsh(servers);
 *     mc.mci("web").subGroup("g", mars, "m1.small", "ubuntu-22.04", 2).create().exec("hostname");
 * }
 * }</pre>
 *
 * <h2>What a served VM does</h2>
 * <ul>
 *   <li><b>Logins</b>: public key, accepting only the VM's key pair for the VM's login user;
 *       password, only once a test set one with {@link #password}. Anything else is refused.</li>
 *   <li><b>exec</b>: runs {@code /bin/sh -c <command>} as a local process in the VM's home
 *       ({@link #homeOf}), with {@code HOME}, {@code USER}, {@code MC_VM_NAME}, {@code MC_VM_ID},
 *       {@code MC_PUBLIC_IP} (empty when none), {@code MC_PRIVATE_IP}, {@code MC_LOGIN_USER}, and a
 *       {@code PATH} whose first directory holds a {@code hostname} printing the VM's name. stdin,
 *       stdout, stderr and the exit status flow as with sshd: output streams while the command
 *       runs, EOF on the channel closes the command's stdin, closing the channel kills it. A
 *       {@code shell} channel runs {@code /bin/sh} on stdin.</li>
 *   <li><b>SFTP</b>, rooted at the VM's home: an upload to a relative path lands where commands run.</li>
 *   <li><b>direct-tcpip</b> (a bastion): a session on VM A may tunnel to {@code (private IP of B, 22)}
 *       when B is served in A's account, region and VPC; every other target is refused.</li>
 * </ul>
 *
 * <p>A served VM answers from its creation until it is deleted, whatever its status: a suspended
 * or failed VM still answers. Use {@link #unreachable} to take one off the network.
 *
 * <h2>How it is built</h2>
 * One MINA SSHD server (one IO pool) listens on one port per VM and tells the VMs apart by the
 * port a session came in on. Commands are started by one long-lived {@code /bin/sh} (cheaper than
 * starting them from a JVM with hundreds of sockets open) and their pipes pumped by a shared pool
 * of daemon threads.
 * Everything listens on 127.0.0.1 only. Thread-safe. {@link #close()} closes every port, session,
 * thread and command, and removes the command launcher's pipes; the VMs' directories stay under a
 * work dir you gave ({@link #start(Path)}) and go with the temporary one of {@link #start()}.
 */
public final class MockSshServers implements MockSshHosting, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MockSshServers.class);

    private final Path workDir;
    /** The temporary directory {@link #start()} made, deleted on close; null when the caller gave the work dir. */
    private final Path ownedDir;
    private final ServedVms vms = new ServedVms();
    private final ExecutorService pumps = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("mock-ssh-pump-", 1).factory());
    private final ShellLauncher launcher;
    private final MultiPortSshServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockSshServers(Path workDir, Path ownedDir, ShellLauncher launcher) {
        this.workDir = workDir;
        this.ownedDir = ownedDir;
        this.launcher = launcher;
        this.server = (MultiPortSshServer) ServerBuilder.builder().factory(MultiPortSshServer::new).build();
        VmLogins logins = new VmLogins(vms);
        VmCommands commands = new VmCommands(vms, launcher, pumps);
        server.setKeyPairProvider(new VmHostKeys(vms));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        server.setPublickeyAuthenticator(logins);
        server.setPasswordAuthenticator(logins);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(commands);
        server.setShellFactory(commands);
        server.setFileSystemFactory(new VmFileSystems(vms));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE, new VpcTunnels(vms)));
        server.setForwardingFilter(new LoopbackForwarding(vms));
    }

    /**
     * Starts the (empty) server with the VMs' directories in a new temporary directory, which
     * {@link #close()} deletes with everything in it.
     */
    public static MockSshServers start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("multicloud-mock-ssh-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the mock SSH servers", e);
        }
        try {
            return start(dir, dir);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Starts the (empty) server; VMs are added as the mock creates them.
     *
     * @param workDir where each VM gets its directories ({@code <name>-<id>/home} and {@code /bin}); created if
     *                missing, and left in place by {@link #close()}
     */
    public static MockSshServers start(Path workDir) {
        return start(workDir, null);
    }

    private static MockSshServers start(Path workDir, Path ownedDir) {
        Path dir = workDir.toAbsolutePath();
        ShellLauncher launcher;
        try {
            Files.createDirectories(dir);
            // First, while this JVM has few descriptors open: see ShellLauncher.
            launcher = ShellLauncher.start(dir.resolve(".launch"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mock SSH servers' command launcher", e);
        }
        MockSshServers servers = new MockSshServers(dir, ownedDir, launcher);
        try {
            servers.server.startWithoutPorts();
        } catch (IOException e) {
            servers.close();
            throw new UncheckedIOException("cannot start the mock SSH server", e);
        }
        log.debug("mock SSH servers started, VMs under {}", servers.workDir);
        return servers;
    }

    /**
     * Serves a new VM on a new port of 127.0.0.1 (called by the mock when a VM is created).
     *
     * @throws IllegalStateException when a VM of that name is served already (the controls
     *                               address VMs by name), or the servers are closed
     */
    @Override
    public int serve(MockSshVm vm) {
        requireOpen();
        if (vms.named(vm.name()).isPresent()) {
            throw new IllegalStateException("a VM named '" + vm.name() + "' is served already; served VMs need distinct names");
        }
        PublicKey key = authorizedKey(vm);
        VmDirs dirs = VmDirs.create(workDir, vm);
        InetSocketAddress address;
        try {
            address = server.bindEphemeral();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port for VM " + vm.name(), e);
        }
        ServedVm served = new ServedVm(vm, address, dirs, key);
        if (!vms.add(served)) {
            server.unbind(address);
            throw new IllegalStateException("a VM named '" + vm.name() + "' is served already; served VMs need distinct names");
        }
        log.debug("serving {}", served);
        return address.getPort();
    }

    /** Stops serving a VM (called by the mock when the VM is deleted): its port closes, its sessions end. */
    @Override
    public void stop(MockSshVm vm) {
        vms.named(vm.name()).filter(s -> s.vm().id().equals(vm.id())).ifPresent(served -> {
            vms.remove(served);
            server.unbind(served.address());
            server.closeSessionsOn(served.port());
            log.debug("stopped serving {}", served);
        });
    }

    /** Gives the VM a new host key and closes its open sessions, as when a VM is rebuilt. */
    public MockSshServers rotateHostKey(String vmName) {
        ServedVm vm = get(vmName);
        vm.rotateHostKey();
        server.closeSessionsOn(vm.port());
        return this;
    }

    /** The VM's current host key as an OpenSSH public key line ({@code ssh-ed25519 AAAA...}), to pin or compare. */
    public String hostKey(String vmName) {
        return PublicKeyEntry.toString(get(vmName).hostKey().getPublic());
    }

    /** The VM's port stops accepting (connections are refused) and its open sessions are closed. */
    public MockSshServers unreachable(String vmName) {
        ServedVm vm = get(vmName);
        synchronized (vm) {
            vm.reachable(false);
            server.unbind(vm.address());
        }
        server.closeSessionsOn(vm.port());
        return this;
    }

    /** The VM accepts connections on its port again (after {@link #unreachable}). */
    public MockSshServers reachable(String vmName) {
        ServedVm vm = get(vmName);
        synchronized (vm) {
            if (!vm.reachable()) {
                try {
                    server.bind(vm.address());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open port " + vm.port() + " of VM " + vmName + " again", e);
                }
                vm.reachable(true);
            }
        }
        return this;
    }

    /** Lets the VM's login user log in with this password too; null takes the password away. Never logged. */
    public MockSshServers password(String vmName, String password) {
        get(vmName).password(password);
        return this;
    }

    /** The VM's port on 127.0.0.1. */
    public int port(String vmName) {
        return get(vmName).port();
    }

    /** The VM's home directory: where its commands run and where SFTP is rooted. */
    public Path homeOf(String vmName) {
        return get(vmName).home();
    }

    /** The number of SSH sessions open on the VM now (tunnelled ones included). */
    public int openSessions(String vmName) {
        return server.sessionsOn(get(vmName).port());
    }

    /** The names of the VMs served now. */
    public Set<String> served() {
        Set<String> names = new TreeSet<>();
        vms.all().forEach(v -> names.add(v.name()));
        return Collections.unmodifiableSet(names);
    }

    /**
     * Closes every port and session, kills every command still running, ends every thread, and
     * deletes the temporary directory of {@link #start()}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop(true);
        } catch (IOException e) {
            log.warn("the mock SSH server did not stop cleanly: {}", e.toString());
        }
        launcher.close();
        pumps.shutdownNow();
        try {
            if (!pumps.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("some mock SSH pump threads are still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedDir != null) {
            deleteTree(ownedDir);
        }
        log.debug("mock SSH servers closed");
    }

    /** Where the VMs' directories are. */
    public Path workDir() {
        return workDir;
    }

    /** Where the command launcher keeps its pipes (removed on close). */
    Path launcherDir() {
        return launcher.runDir();
    }

    @Override
    public String toString() {
        return "MockSshServers[" + vms.all().size() + " VMs, " + workDir + (closed.get() ? ", closed" : "") + "]";
    }

    private ServedVm get(String vmName) {
        return vms.named(vmName).orElseThrow(() -> new IllegalArgumentException(
                "no served VM named '" + vmName + "'; served: " + served()));
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the mock SSH servers are closed");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the mock SSH servers' directory {}: {}", dir, e.toString());
        }
    }

    private static PublicKey authorizedKey(MockSshVm vm) {
        if (vm.authorizedKey() == null) {
            return null;
        }
        try {
            return PublicKeyEntry.parsePublicKeyEntry(vm.authorizedKey()).resolvePublicKey(null, null,
                    PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("VM " + vm.name() + " has a key pair whose public key cannot be read", e);
        }
    }
}
