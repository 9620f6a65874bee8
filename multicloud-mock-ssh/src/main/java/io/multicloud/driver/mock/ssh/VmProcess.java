package io.multicloud.driver.mock.ssh;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec (or shell) channel's command, run as a local process the way sshd runs it through
 * the login shell: {@code /bin/sh -c <command>} in the VM's home, with the VM's environment,
 * started by the {@link ShellLauncher}. Bytes flow as they come: the channel's stdin to the
 * process (EOF closes the process's stdin), the process's stdout and stderr to the channel,
 * flushed after every read so that a line arrives while the command still runs. The exit status
 * is sent once both outputs have ended and the process has exited. Closing the channel kills the
 * process and everything it started.
 *
 * <p>Everything runs on a shared pool of platform threads, never on MINA's IO threads: opening
 * the command's pipes waits for the launcher, and an IO thread waiting there would hold up every
 * other session. The pumps block on pipes, which a virtual thread would do while holding its carrier.
 */
final class VmProcess implements Command {
    private static final Logger log = LoggerFactory.getLogger(VmProcess.class);
    private static final int CHUNK = 32 * 1024;
    /** What a shell answers when it cannot run a command at all. */
    private static final int CANNOT_RUN = 127;
    /** Far more than the launcher takes to report an exit after the output ended, even with hundreds at once. */
    private static final long LAUNCH_TIMEOUT_S = 30;

    private final ServedVm vm;
    private final String command;
    private final ShellLauncher launcher;
    private final ExecutorService pumps;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Launch launch;
    private boolean destroyed;

    /**
     * @param command the command for {@code sh -c}; {@code exec /bin/sh} for a shell channel
     */
    VmProcess(ServedVm vm, String command, ShellLauncher launcher, ExecutorService pumps) {
        this.vm = vm;
        this.command = command;
        this.launcher = launcher;
        this.pumps = pumps;
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
        Launch l;
        synchronized (this) {
            destroyed = true;
            l = launch;
        }
        if (l != null && !l.exit.isDone()) {
            // The pid may not be known yet: kill as soon as it is.
            l.pid.thenAccept(pid -> {
                if (!l.exit.isDone()) {
                    log.debug("{}: channel closed, killing pid {}", vm, pid);
                    ProcessHandle.of(pid).ifPresent(VmProcess::killTree);
                }
            });
        }
    }

    /** Kills the process and its descendants, the children first so that none is left to init. */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    /** Launches the command, pumps its streams (stdout on this thread), and reports how it ended. */
    private void run(Map<String, String> environment) {
        Launch l = launch(environment);
        if (l == null) {
            return;
        }
        try {
            // The launcher's subshell opens the pipes in this order too; each open waits for the other end.
            try (OutputStream toCommand = new FileOutputStream(l.in().toFile());
                 InputStream fromStdout = new FileInputStream(l.out().toFile());
                 InputStream fromStderr = new FileInputStream(l.err().toFile())) {
                // The command itself is not logged: it may carry a secret.
                log.debug("{} runs a command", vm);
                CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> copy(fromStderr, err), pumps);
                pumps.execute(() -> feed(in, toCommand));
                copy(fromStdout, out);
                stderr.join();
                finish(l.exit.get(LAUNCH_TIMEOUT_S, TimeUnit.SECONDS));
            }
        } catch (InterruptedException e) {
            // the servers are closing: they kill what still runs
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IOException e) {
            log.warn("{}: cannot run a command: {}", vm, e.toString());
            report("mock VM " + vm.name() + ": cannot run the command: " + e.getMessage() + "\n");
        } finally {
            l.delete();
        }
    }

    /** Hands the command to the launcher, unless the channel closed first; a failure is reported. */
    private Launch launch(Map<String, String> environment) {
        synchronized (this) {
            if (destroyed) {
                return null;
            }
            try {
                launch = launcher.launch(environment, command);
                return launch;
            } catch (IOException e) {
                log.warn("{}: cannot start a command: {}", vm, e.toString());
                report("mock VM " + vm.name() + ": cannot run the command: " + e.getMessage() + "\n");
                return null;
            }
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

    /** The command's output to the channel, a chunk at a time, as soon as it is written. */
    private void copy(InputStream from, OutputStream to) {
        byte[] buf = new byte[CHUNK];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The channel went away (it kills the command) or the pipe broke: nothing left to copy.
            log.debug("{}: output copy ended: {}", vm, e.toString());
        }
    }

    /** The channel's stdin to the command; the client's EOF closes the command's stdin. */
    private void feed(InputStream from, OutputStream to) {
        byte[] buf = new byte[CHUNK];
        try (to) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The command stopped reading (exited) or the channel closed.
            log.debug("{}: input feed ended: {}", vm, e.toString());
        }
    }
}
