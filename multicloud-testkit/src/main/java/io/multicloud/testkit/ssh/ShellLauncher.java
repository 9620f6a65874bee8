package io.multicloud.testkit.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the VMs' commands from one long-lived {@code /bin/sh}, not from this JVM.
 *
 * <p>Why: to start a process, the JDK's child closes every file descriptor the JVM has open,
 * one by one. With hundreds of VMs served there are hundreds of listening sockets, sessions and
 * command pipes, and each start costs milliseconds of CPU (measured: 200 starts with 2,000
 * descriptors open took 1.8 s of CPU instead of 0.3 s). The launcher shell holds two pipes, so
 * the forks it makes are cheap, and it is started once, before any VM is served.
 *
 * <p>How: for command {@code n}, this class writes {@code <run>/<n>/env} (the environment as
 * {@code export} lines and the command as {@code c}) and sends {@code n} on the shell's stdin. A
 * subshell makes three named pipes {@code in}, {@code out}, {@code err} and answers
 * {@code made n}; it then opens them (the caller opens its ends in the same order: in, out, err),
 * enters the VM's home, starts {@code /bin/sh -c "$c"} with them as stdin, stdout and stderr
 * ({@code hostname} defined first as a shell function that answers like the VM's own
 * {@code bin/hostname}: one process less per command, when hundreds of VMs share two cores),
 * answers {@code pid n <pid>}, waits, and answers {@code exit n <status>}. Each command gets new
 * pipes, so a background process a command leaves behind never meets a later command.
 */
final class ShellLauncher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShellLauncher.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SCRIPT = """
            run=$1
            HOSTNAME_FUNCTION='hostname() { case "$1" in -I|-i|--all-ip-addresses|--ip-address) printf "%s\\n" "$MC_PRIVATE_IP" ;; *) printf "%s\\n" "$MC_VM_NAME" ;; esac; }'
            while IFS= read -r n; do
              (
                d="$run/$n"
                mkfifo "$d/in" "$d/out" "$d/err" || { echo "fail $n" >&9; exit 1; }
                echo "made $n" >&9
                exec 5<"$d/in" >"$d/out" 2>"$d/err"
                . "$d/env"
                if cd "$HOME" 2>/dev/null; then
                  /bin/sh -c "$HOSTNAME_FUNCTION; $c" <&5 5<&- 9>&- &
                  echo "pid $n $!" >&9
                  wait $!
                  echo "exit $n $?" >&9
                else
                  echo "mock VM: cannot run the command: its home directory is gone" >&2
                  echo "exit $n 127" >&9
                fi
              ) 9>&1 >/dev/null 2>&1 &
            done
            """;

    private final Path runDir;
    private final Process shell;
    private final Writer requests;
    private final Map<Long, Launch> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private ShellLauncher(Path runDir, Process shell) {
        this.runDir = runDir;
        this.shell = shell;
        this.requests = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
    }

    /** Starts the launcher shell, its working files under {@code runDir}. */
    static ShellLauncher start(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "mock-ssh-launcher", runDir.toString())
                .directory(runDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", ServedVm.systemPath());
        ShellLauncher launcher = new ShellLauncher(runDir, builder.start());
        Thread.ofPlatform().daemon().name("mock-ssh-launcher").start(launcher::readAnswers);
        return launcher;
    }

    /** Asks for a command to be run; its pipes, pid and exit status come through the returned launch. */
    Launch launch(Map<String, String> environment, String command) throws IOException {
        long n = ids.incrementAndGet();
        Path dir = runDir.resolve(Long.toString(n));
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("env"), envFile(environment, command));
        Launch launch = new Launch(dir);
        pending.put(n, launch);
        try {
            synchronized (requests) {
                requests.write(n + "\n");
                requests.flush();
            }
        } catch (IOException e) {
            pending.remove(n);
            launch.delete();
            throw new IOException("the command launcher is gone", e);
        }
        return launch;
    }

    /** The environment as export lines, then the command in {@code c}, which is not exported. */
    private static String envFile(Map<String, String> environment, String command) {
        StringBuilder file = new StringBuilder();
        environment.forEach((k, v) -> {
            if (NAME.matcher(k).matches()) {
                file.append("export ").append(k).append('=').append(VmDirs.quoted(v)).append('\n');
            }
        });
        return file.append("c=").append(VmDirs.quoted(command.replace("\0", ""))).append('\n').toString();
    }

    private void readAnswers() {
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = answers.readLine()) != null; ) {
                answer(line.split(" "));
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("the command launcher's answers ended: {}", e.toString());
        }
        IOException gone = new IOException("the command launcher ended");
        pending.values().forEach(l -> l.fail(gone));
        pending.clear();
    }

    private void answer(String[] words) {
        Launch launch = words.length >= 2 ? pending.get(Long.parseLong(words[1])) : null;
        if (launch == null) {
            log.warn("unexpected answer from the command launcher: {}", String.join(" ", words));
            return;
        }
        switch (words[0]) {
            case "made" -> launch.made.complete(null);
            case "pid" -> launch.pid.complete(Long.parseLong(words[2]));
            case "exit" -> {
                pending.remove(Long.parseLong(words[1]));
                launch.exit.complete(Integer.parseInt(words[2]));
            }
            default -> {
                pending.remove(Long.parseLong(words[1]));
                launch.fail(new IOException("the command launcher could not make the command's pipes"));
            }
        }
    }

    /** Ends the launcher and kills every command it started that still runs. */
    @Override
    public void close() {
        VmProcess.killTree(shell.toHandle());
        try {
            requests.close();
        } catch (IOException e) {
            log.debug("closing the command launcher's requests: {}", e.toString());
        }
    }
}
