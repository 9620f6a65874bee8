package io.multicloud.core.remote;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one VM's commands in one shell on an open session: sends the {@link ShellScript} as the
 * exec request (on stdin to a shell when it is long), reads stdout (on the calling thread) and stderr (on a virtual thread) while they run,
 * streaming lines to the listener, and splits both back into one result per command. A
 * watchdog stops the shell when a command runs past its timeout.
 */
final class ShellRun {
    private final String vm;
    private final List<String> commands;
    private final RemoteCommand request;

    ShellRun(String vm, List<String> commands, RemoteCommand request) {
        this.vm = vm;
        this.commands = commands;
        this.request = request;
    }

    /** The result of the commands; a session that cannot open a channel throws (nothing ran yet). */
    Outcome run(Session session) throws JSchException {
        ShellScript script = ShellScript.of(commands, request.continueOnFailure());
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        // A short script is the exec request itself, run by the login shell as `ssh vm '...'` would:
        // one process on the VM. A long one goes on stdin to a shell, past any request size limit.
        boolean inline = script.text().length() <= ShellScript.INLINE_LIMIT;
        channel.setCommand(inline ? script.text() : ShellScript.SHELL);
        try {
            InputStream stdout;
            InputStream stderr;
            OutputStream stdin;
            try {
                stdout = channel.getInputStream();
                stderr = channel.getErrStream();
                stdin = channel.getOutputStream();
            } catch (IOException e) {
                throw new JSchException("cannot open the channel's streams", e);
            }
            channel.connect((int) request.connectTimeout().toMillis());
            return collect(session, channel, script, inline ? null : stdin, stdout, stderr);
        } finally {
            channel.disconnect();
        }
    }

    /** The commands' results and, when the shell was cut off, why. */
    record Outcome(List<CommandResult> results, TransportError error) {
    }

    private Outcome collect(Session session, ChannelExec channel, ShellScript script, OutputStream stdin, InputStream stdout,
                            InputStream stderr) {
        long commandNanos = request.commandTimeout().toNanos();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + commandNanos);
        AtomicBoolean timedOut = new AtomicBoolean();
        List<Long> ends = new ArrayList<>();
        long start = System.nanoTime();
        List<MarkedOutput.Segment> errSegments = new ArrayList<>();
        MarkedOutput err = new MarkedOutput(script.marker(),
                line -> request.listener().line(vm, OutputListener.Stream.STDERR, line), s -> { });
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                errSegments.addAll(err.readAll(stderr));
            } catch (IOException e) {
                // The session broke: stdout's reader sees it too and reports it.
            }
        });
        MarkedOutput out = new MarkedOutput(script.marker(),
                line -> request.listener().line(vm, OutputListener.Stream.STDOUT, line), s -> {
                    ends.add(System.nanoTime());
                    deadline.set(System.nanoTime() + commandNanos);
                });
        Thread watchdog = Thread.ofVirtual().start(() -> watch(session, channel, out, deadline, timedOut));
        List<MarkedOutput.Segment> outSegments;
        TransportError broken = null;
        try {
            if (stdin != null) {
                stdin.write(script.text().getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                stdin.close();
            }
            outSegments = out.readAll(stdout);
        } catch (IOException e) {
            outSegments = List.of();
            broken = new TransportError(TransportError.Kind.SESSION, "the session to VM " + vm + " broke: " + e.getMessage());
        }
        join(errReader);
        watchdog.interrupt();
        // The exit status matters only when the shell ended inside a command (markers give the rest).
        int exit = outSegments.size() < commands.size() ? exitStatus(channel) : 0;
        if (timedOut.get()) {
            broken = new TransportError(TransportError.Kind.TIMEOUT, "command " + (outSegments.size() + 1) + " on VM " + vm
                    + " ran longer than " + request.commandTimeout() + " and was stopped");
        }
        return new Outcome(results(outSegments, errSegments, out.rest(), err.rest(), ends, start, exit, broken), broken);
    }

    private List<CommandResult> results(List<MarkedOutput.Segment> outs, List<MarkedOutput.Segment> errs, String outRest,
                                        String errRest, List<Long> ends, long start, int exit, TransportError broken) {
        List<CommandResult> results = new ArrayList<>();
        long previous = start;
        for (int i = 0; i < outs.size() && i < commands.size(); i++) {
            MarkedOutput.Segment o = outs.get(i);
            String e = i < errs.size() ? errs.get(i).text() : (i == errs.size() ? errRest : "");
            long end = ends.get(i);
            results.add(new CommandResult(commands.get(i), o.exitCode() == null ? -1 : o.exitCode(), o.text(), e,
                    Duration.ofNanos(end - previous)));
            previous = end;
        }
        boolean stoppedOnFailure = !results.isEmpty() && !results.get(results.size() - 1).ok() && !request.continueOnFailure();
        if (results.size() < commands.size() && !stoppedOnFailure) {
            // The shell ended inside a command: it called exit, was stopped, or the session broke.
            int i = results.size();
            String e = i < errs.size() ? errs.get(i).text() : errRest;
            results.add(new CommandResult(commands.get(i), broken != null ? -1 : exit, outRest, e,
                    Duration.ofNanos(System.nanoTime() - previous)));
        }
        return results;
    }

    private static void watch(Session session, ChannelExec channel, MarkedOutput out, AtomicLong deadline, AtomicBoolean timedOut) {
        try {
            while (true) {
                long left = deadline.get() - System.nanoTime();
                if (left <= 0) {
                    timedOut.set(true);
                    stopProcessGroup(session, out.shellPid());
                    channel.disconnect();
                    return;
                }
                Thread.sleep(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            // The shell ended in time.
        }
    }

    /**
     * Stops the shell and everything its commands started: closing the channel is not enough on a
     * real SSH server (without a terminal the processes keep running). OpenSSH starts each exec in
     * a session of its own, so the shell's pid is also its process group: on another channel of
     * the session, the group gets TERM, and KILL when it is still there a second later.
     */
    private static void stopProcessGroup(Session session, long pid) {
        if (pid <= 1) {
            return;
        }
        String p = Long.toString(pid);
        String kill = "kill -TERM -" + p + " 2>/dev/null; kill -TERM " + p + " 2>/dev/null; i=0; while [ $i -lt 10 ]; do"
                + " kill -0 -" + p + " 2>/dev/null || exit 0; sleep 0.1 2>/dev/null || sleep 1; i=$((i+1)); done;"
                + " kill -KILL -" + p + " 2>/dev/null; exit 0";
        ChannelExec killer = null;
        try {
            killer = (ChannelExec) session.openChannel("exec");
            killer.setCommand(kill);
            killer.connect(5_000);
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!killer.isClosed() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } catch (JSchException e) {
            // The session is gone too: nothing more can be sent; closing the channel is all that is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (killer != null) {
                killer.disconnect();
            }
        }
    }

    /** The shell's exit status: servers send it before the end of output, but may send it a moment after. */
    private static int exitStatus(ChannelExec channel) {
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long pauseMs = 1;
        while (channel.getExitStatus() == -1 && !channel.isClosed() && System.nanoTime() < until) {
            try {
                Thread.sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return channel.getExitStatus();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
