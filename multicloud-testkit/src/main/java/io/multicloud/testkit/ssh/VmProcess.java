package io.multicloud.testkit.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * <p>Everything runs on a shared pool of platform threads, never on MINA's IO threads: starting
 * a process waits for the child to exec (milliseconds when hundreds start at once), and an IO
 * thread waiting there would hold up every other session. The pumps block on pipes, which a
 * virtual thread would do while holding its carrier.
 */
final class VmProcess implements Command {
    private static final Logger log = LoggerFactory.getLogger(VmProcess.class);
    private static final int CHUNK = 32 * 1024;
    /** What a shell answers when it cannot run a command at all. */
    private static final int CANNOT_RUN = 127;

    private final ServedVm vm;
    private final List<String> argv;
    private final ExecutorService pumps;
    private final LiveProcesses live;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;
    private boolean destroyed;

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
    public void start(ChannelSession channel, Environment env) {
        Map<String, String> environment = vm.environment(env.getEnv());
        pumps.execute(() -> run(environment));
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p;
        synchronized (this) {
            destroyed = true;
            p = process;
        }
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

    /** Starts the process, pumps its streams (stdout on this thread), and reports how it ended. */
    private void run(Map<String, String> environment) {
        Process p = launch(environment);
        if (p == null) {
            return;
        }
        try {
            CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> copy(p.getErrorStream(), err), pumps);
            pumps.execute(() -> feed(in, p.getOutputStream()));
            copy(p.getInputStream(), out);
            stderr.join();
            finish(p.waitFor());
        } catch (InterruptedException e) {
            // the servers are closing: they kill what still runs
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("{}: a command's streams failed; killing pid {}", vm, p.pid(), e);
            killTree(p.toHandle());
        } finally {
            live.remove(p);
        }
    }

    /** The started process, or null when the channel closed first or the process could not start (then reported). */
    private Process launch(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(vm.home().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        synchronized (this) {
            if (destroyed) {
                return null;
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                log.warn("{}: cannot start a command: {}", vm, e.toString());
                report("mock VM " + vm.name() + ": cannot run the command: " + e.getMessage() + "\n");
                return null;
            }
            live.add(process);
            // The command itself is not logged: it may carry a secret.
            log.debug("{} runs a {} as pid {}", vm, argv.size() > 1 ? "command" : "shell", process.pid());
            return process;
        }
    }

    private void report(String message) {
        try {
            err.write(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("{}: could not report a failed start: {}", vm, e.toString());
        }
        finish(CANNOT_RUN);
    }

    private void finish(int status) {
        synchronized (this) {
            if (destroyed) {
                return;
            }
        }
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
