package io.multicloud.core.remote;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.multicloud.api.CloudException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.VmStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on VMs over SSH and moves files to and from them: the engine behind
 * {@code Mci.exec}, {@code Mci.upload} and {@code Mci.download}. Every VM is worked on in its
 * own virtual thread, at most {@link RemoteCommand#parallelism()} at once; each gets its own
 * result, and one VM's failure never stops another's work. Built-in functions are expanded for
 * every VM before any VM is contacted. Sessions stay open for later calls (see
 * {@link SshSessions}); {@link #close()} ends them.
 */
public final class RemoteExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteExecutor.class);

    private final SshStore store;
    private final SshCredentials credentials;
    private final SshSessions sessions;
    private final Bastions bastions;

    /** An executor logging in with what the store holds and pinning host keys there. */
    public RemoteExecutor(SshStore store) {
        this(store, SshSessions.IDLE);
    }

    /**
     * As {@link #RemoteExecutor(SshStore)}, with sessions closed after {@code idle} without use
     * (a command still running keeps its session open).
     */
    public RemoteExecutor(SshStore store, Duration idle) {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new InvalidRequestException("idle", "must be a positive duration, not " + idle);
        }
        this.store = store;
        this.credentials = new SshCredentials(store);
        this.sessions = new SshSessions(store, credentials, idle);
        this.bastions = new Bastions(credentials);
    }

    /** The store of keys, passwords and pinned host keys. */
    public SshStore store() {
        return store;
    }

    /**
     * Runs the commands on every target.
     *
     * @param mci the MCI's name, for the report
     * @param targets the VMs to run on (the cloud's current view)
     * @param neighbours every VM of the MCI (bastions are picked among them first)
     * @param fleet what the built-in functions read: the VMs of each MCI by name
     * @param command the commands and how to run them
     * @throws InvalidRequestException when a command is malformed or a function does not resolve
     *     for some VM; nothing has been contacted then
     */
    public ExecReport exec(String mci, List<RemoteVm> targets, List<RemoteVm> neighbours,
                           Map<String, List<CommandTarget>> fleet, RemoteCommand command) {
        long start = System.nanoTime();
        List<FunctionExpander> parsed = command.commands().stream().map(FunctionExpander::parse).toList();
        List<List<String>> expanded = targets.stream()
                .map(t -> parsed.stream().map(p -> p.expandFor(t.target(), fleet)).toList()).toList();
        List<VmExecResult> results = fanOut(indices(targets.size()), command.parallelism(),
                i -> execOn(targets.get(i), expanded.get(i), neighbours, command));
        return new ExecReport(mci, sorted(results, VmExecResult::vm), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Uploads a local file to every target (SFTP), making the remote directories it needs.
     *
     * @param mci the MCI's name
     * @param targets the VMs
     * @param neighbours every VM of the MCI, for bastions
     * @param local the file to send
     * @param remotePath where it goes on each VM (relative paths are from the login user's home)
     * @param options connect timeout, parallelism and bastion (its commands are not used)
     */
    public TransferReport upload(String mci, List<RemoteVm> targets, List<RemoteVm> neighbours, Path local,
                                 String remotePath, RemoteCommand options) {
        if (!Files.isRegularFile(local)) {
            throw new InvalidRequestException("local", local + " is not a readable file");
        }
        requireRemotePath(remotePath);
        long start = System.nanoTime();
        List<TransferResult> results = fanOut(indices(targets.size()), options.parallelism(),
                i -> transfer(targets.get(i), neighbours, remotePath, options, sftp -> {
                    mkdirs(sftp, remotePath);
                    sftp.put(local.toString(), remotePath);
                    return Files.size(local);
                }));
        return new TransferReport(mci, sorted(results, TransferResult::vm), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Downloads a file from one VM (SFTP).
     *
     * @param vm the VM
     * @param neighbours every VM of its MCI, for bastions
     * @param remotePath the file on the VM
     * @param local where to write it (replaced when it exists)
     * @param options connect timeout and bastion
     */
    public TransferResult download(RemoteVm vm, List<RemoteVm> neighbours, String remotePath, Path local,
                                   RemoteCommand options) {
        requireRemotePath(remotePath);
        if (local.getParent() != null && !Files.isDirectory(local.getParent())) {
            throw new InvalidRequestException("local", "the directory of " + local + " does not exist");
        }
        return transfer(vm, neighbours, remotePath, options, sftp -> {
            sftp.get(remotePath, local.toString());
            return Files.size(local);
        });
    }

    /** How many SSH sessions are open for reuse. */
    public int openSessions() {
        return sessions.size();
    }

    /** Closes every open session. */
    @Override
    public void close() {
        sessions.close();
    }

    @Override
    public String toString() {
        return "RemoteExecutor[" + store + ", " + sessions.size() + " open sessions]";
    }

    private VmExecResult execOn(RemoteVm vm, List<String> commands, List<RemoteVm> neighbours, RemoteCommand command) {
        long start = System.nanoTime();
        try {
            ShellRun.Outcome outcome = onSession(vm, neighbours, command, session -> new ShellRun(vm.name(), commands, command).run(session));
            return new VmExecResult(vm.name(), vm.connection(), outcome.results(), Duration.ofNanos(System.nanoTime() - start),
                    outcome.error());
        } catch (RemoteFailure f) {
            LOG.debug("{}", f.error());
            return new VmExecResult(vm.name(), vm.connection(), List.of(), Duration.ofNanos(System.nanoTime() - start), f.error());
        }
    }

    private interface SftpWork {
        long run(ChannelSftp sftp) throws SftpException, java.io.IOException;
    }

    private TransferResult transfer(RemoteVm vm, List<RemoteVm> neighbours, String remotePath, RemoteCommand options,
                                    SftpWork work) {
        long start = System.nanoTime();
        try {
            long bytes = onSession(vm, neighbours, options, session -> {
                ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                sftp.connect((int) options.connectTimeout().toMillis());
                try {
                    return work.run(sftp);
                } catch (SftpException | java.io.IOException e) {
                    throw new RemoteFailure(TransportError.Kind.SESSION, "moving " + remotePath + " to or from VM "
                            + vm.name() + " failed: " + e.getMessage());
                } finally {
                    sftp.disconnect();
                }
            });
            return new TransferResult(vm.name(), remotePath, bytes, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (RemoteFailure f) {
            return new TransferResult(vm.name(), remotePath, 0, Duration.ofNanos(System.nanoTime() - start), f.error());
        }
    }

    private interface SessionWork<T> {
        T run(Session session) throws JSchException;
    }

    /**
     * Does the work on the VM's session (through a bastion when it has no public IP). A pooled
     * session that cannot open a channel has gone stale: nothing was sent on it, so it is safe to
     * connect anew and try once more.
     */
    private <T> T onSession(RemoteVm vm, List<RemoteVm> neighbours, RemoteCommand options, SessionWork<T> work) {
        if (vm.vm().status() != VmStatus.RUNNING) {
            throw new RemoteFailure(TransportError.Kind.NO_ROUTE, "VM " + vm.name() + " on " + vm.connection() + " is "
                    + vm.vm().status().display() + ", not Running");
        }
        SshEndpoint target = credentials.endpoint(vm);
        SshEndpoint bastion = vm.vm().publicIp() == null ? credentials.endpoint(bastionFor(vm, neighbours, options)) : null;
        Session session = sessions.session(target, bastion, options.connectTimeout());
        try {
            return work.run(session);
        } catch (JSchException stale) {
            sessions.discard(target, bastion, session);
        } finally {
            sessions.release(session);
        }
        Session fresh = sessions.session(target, bastion, options.connectTimeout());
        try {
            return work.run(fresh);
        } catch (JSchException e) {
            sessions.discard(target, bastion, fresh);
            throw new RemoteFailure(TransportError.Kind.SESSION, "VM " + vm.name() + " on " + vm.connection()
                    + " accepted the login but not a channel: " + e.getMessage());
        } finally {
            sessions.release(fresh);
        }
    }

    private RemoteVm bastionFor(RemoteVm vm, List<RemoteVm> neighbours, RemoteCommand options) {
        try {
            return bastions.choose(vm, neighbours, options.bastion());
        } catch (CloudException e) {
            throw new RemoteFailure(TransportError.Kind.NO_ROUTE, "looking for a bastion for VM " + vm.name() + " on "
                    + vm.connection() + " failed: " + e.getMessage());
        }
    }

    private static <R> List<R> fanOut(List<Integer> items, int parallelism, Function<Integer, R> task) {
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (Integer item : items) {
                futures.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running remote commands", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name, CommandTarget.NATURAL_ORDER)).toList();
    }

    private static void requireRemotePath(String remotePath) {
        if (remotePath == null || remotePath.isBlank() || remotePath.endsWith("/")) {
            throw new InvalidRequestException("remotePath", "name a file on the VM, not '" + remotePath + "'");
        }
    }

    /** Makes the directories of a remote path that are missing (mkdir -p). */
    private static void mkdirs(ChannelSftp sftp, String remotePath) throws SftpException {
        int slash = remotePath.lastIndexOf('/');
        if (slash <= 0) {
            return;
        }
        String[] parts = remotePath.substring(0, slash).split("/");
        StringBuilder path = new StringBuilder(remotePath.startsWith("/") ? "/" : "");
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(part);
            try {
                sftp.stat(path.toString());
            } catch (SftpException missing) {
                sftp.mkdir(path.toString());
            }
            path.append('/');
        }
    }
}
