package io.multicloud.testkit.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec (or shell) channel's command, run as a local process the way sshd runs it through
 * the login shell: in the VM's home, with the VM's environment. Bytes flow as they come: the
 * channel's stdin to the process (EOF closes the process's stdin), the process's stdout and
 * stderr to the channel, flushed after every read so that a line arrives while the command
 * still runs. The exit status is sent once both outputs have ended and the process has exited.
 * Closing the channel kills the process and everything it started.
 *
 * <p>The pumps block on pipes, so they run on platform threads of a shared pool: a virtual
 * thread blocked on a pipe holds its carrier, and hundreds of commands at once would starve them.
 */
final class VmProcess implements Command {
    private static final Logger log = LoggerFactory.getLogger(VmProcess.class);
    private static final int CHUNK = 32 * 1024;

    private final ServedVm vm;
    private final List<String> argv;
    private final ExecutorService pumps;
    private final LiveProcesses live;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;
    private volatile boolean destroyed;

    VmProcess(ServedVm vm, List<String> argv, ExecutorService pumps, LiveProcesses live) {
        this.vm = vm;
        this.argv = List.copyOf(argv);
        this.pumps = pumps;
        this.live = live;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(vm.home().toFile());
        builder.environment().clear();
        builder.environment().putAll(vm.environment(env.getEnv()));
        Process p = builder.start();
        process = p;
        live.add(p);
        // The command itself is not logged: it may carry a secret.
        log.debug("{} runs a {} as pid {}", vm, argv.size() > 1 ? "command" : "shell", p.pid());
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> copy(p.getInputStream(), out), pumps);
        CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> copy(p.getErrorStream(), err), pumps);
        pumps.execute(() -> feed(in, p.getOutputStream()));
        CompletableFuture.allOf(stdout, stderr).thenCompose(v -> p.onExit()).whenComplete((done, failure) -> {
            try {
                finish(p, failure);
            } catch (RuntimeException e) {
                log.warn("{}: could not report the end of pid {}", vm, p.pid(), e);
            }
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            log.debug("{}: channel closed, killing pid {}", vm, p.pid());
            killTree(p.toHandle());
        }
    }

    /** Kills the process and its descendants, the children first so that none is left to init. */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private void finish(Process p, Throwable failure) {
        if (failure != null) {
            log.warn("{}: a command's streams failed; killing pid {}", vm, p.pid(), failure);
            killTree(p.toHandle());
            p.onExit().join();
        }
        live.remove(p);
        if (destroyed) {
            return;
        }
        int status = p.exitValue();
        try {
            out.flush();
            err.flush();
        } catch (IOException e) {
            log.debug("{}: could not flush before the exit status: {}", vm, e.toString());
        }
        exit.onExit(status);
    }

    /** The process's output to the channel, a chunk at a time, as soon as it is written. */
    private void copy(InputStream from, OutputStream to) {
        byte[] buf = new byte[CHUNK];
        try (from) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The channel went away (it kills the process) or the process's pipe broke: nothing left to copy.
            log.debug("{}: output copy ended: {}", vm, e.toString());
        }
    }

    /** The channel's stdin to the process; the client's EOF closes the process's stdin. */
    private void feed(InputStream from, OutputStream to) {
        byte[] buf = new byte[CHUNK];
        try (to) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The process stopped reading (exited) or the channel closed.
            log.debug("{}: input feed ended: {}", vm, e.toString());
        }
    }
}
