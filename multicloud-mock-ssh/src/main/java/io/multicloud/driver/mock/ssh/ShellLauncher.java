package io.multicloud.driver.mock.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>How: each command runs in a slot {@code <run>/<n>}: a directory with three named pipes
 * {@code in}, {@code out}, {@code err}. Slots are made ahead, in batches ({@code f <first> <last>}
 * on the shell's stdin: one {@code mkfifo} for the whole batch, answered {@code stocked <first>
 * <last>}), because a {@code mkfifo} process per command cost more CPU than the command's own
 * shell. To run a command this class writes {@code <run>/<n>/env} (the environment as
 * {@code export} lines and the command as {@code c}) and sends {@code r <n>}. A subshell opens
 * the pipes (the caller opens its ends in the same order: in, out, err), enters the VM's home,
 * starts {@code /bin/sh -c "$c"} with them as stdin, stdout and stderr ({@code hostname} defined
 * first as a shell function that answers like the VM's own {@code bin/hostname}: one process less
 * per command, when hundreds of VMs share two cores), answers {@code pid n <pid>}, waits, and
 * answers {@code exit n <status>}. A slot serves one command and is then removed, so a background
 * process a command leaves behind never meets a later command.
 */
final class ShellLauncher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShellLauncher.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Slots made by one mkfifo. */
    private static final int BATCH = 128;
    /** Slots kept ready or on their way, enough for a fan-out to a few hundred VMs at once. */
    private static final int STOCK = 256;
    /** Far more than a batch of pipes takes, even with hundreds of commands starting. */
    private static final long SLOT_TIMEOUT_S = 30;
    private static final String SCRIPT = """
            run=$1
            HOSTNAME_FUNCTION='hostname() { case "$1" in -I|-i|--all-ip-addresses|--ip-address) printf "%s\\n" "$MC_PRIVATE_IP" ;; *) printf "%s\\n" "$MC_VM_NAME" ;; esac; }'
            while read -r op n last; do
              case $op in
              f) (
                   i=$n; set --
                   while [ "$i" -le "$last" ]; do set -- "$@" "$run/$i/in" "$run/$i/out" "$run/$i/err"; i=$((i+1)); done
                   if mkfifo "$@"; then echo "stocked $n $last" >&9; else echo "unstocked $n $last" >&9; fi
                 ) 9>&1 >/dev/null 2>&1 & ;;
              r) (
                   d="$run/$n"
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
                 ) 9>&1 >/dev/null 2>&1 & ;;
              esac
            done
            """;

    private final LauncherDir dir;
    private final Path runDir;
    private final Process shell;
    private final Writer requests;
    private final Map<Long, Launch> pending = new ConcurrentHashMap<>();
    /** Guards the slot stock below. */
    private final Object stock = new Object();
    /** Slots whose pipes are made, unused. */
    private final Deque<Long> ready = new ArrayDeque<>();
    /** Slots asked for and not made yet. */
    private int coming;
    private long nextSlot = 1;
    /** Why no slot will come any more, once the launcher ended or could not make pipes. */
    private IOException broken;

    private ShellLauncher(LauncherDir dir, Process shell) {
        this.dir = dir;
        this.runDir = dir.path();
        this.shell = shell;
        this.requests = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
    }

    /**
     * Starts the launcher shell, its working files in a new directory of its own: in memory
     * ({@code /dev/shm}) where the system has it, else under {@code fallbackParent}. Why memory:
     * every command makes a directory, a file and three pipes there, and on a disk file system
     * those creations queue on the directory's lock and the journal (measured on ext4: 200
     * commands at once spent 0.5 s of CPU in mkdir and open, against 17 us each on tmpfs).
     */
    static ShellLauncher start(Path fallbackParent) throws IOException {
        Optional<Path> memory = memoryDir();
        Path parent = memory.isPresent() ? memory.get() : Files.createDirectories(fallbackParent);
        LauncherDir dir = LauncherDir.create(parent);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "mock-ssh-launcher", dir.path().toString())
                .directory(dir.path().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", ServedVm.systemPath());
        Process shell;
        try {
            shell = builder.start();
        } catch (IOException e) {
            dir.close();
            throw e;
        }
        ShellLauncher launcher = new ShellLauncher(dir, shell);
        Thread.ofPlatform().daemon().name("mock-ssh-launcher").start(launcher::readAnswers);
        synchronized (launcher.stock) {
            launcher.restock();
        }
        return launcher;
    }

    private static Optional<Path> memoryDir() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? Optional.of(shm) : Optional.empty();
    }

    /** The launcher's working directory. */
    Path runDir() {
        return runDir;
    }

    /** Asks for a command to be run; its pipes, pid and exit status come through the returned launch. */
    Launch launch(Map<String, String> environment, String command) throws IOException {
        long n = takeSlot();
        Path dir = runDir.resolve(Long.toString(n));
        Launch launch = new Launch(dir);
        try {
            Files.writeString(dir.resolve("env"), envFile(environment, command));
            pending.put(n, launch);
            send("r " + n);
        } catch (IOException e) {
            pending.remove(n);
            launch.delete();
            throw e;
        }
        return launch;
    }

    /** A slot with its pipes made, waiting for one when a burst of commands used up the stock. */
    private long takeSlot() throws IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SLOT_TIMEOUT_S);
        synchronized (stock) {
            while (ready.isEmpty()) {
                if (broken != null) {
                    throw new IOException(broken.getMessage(), broken);
                }
                restock();
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the command launcher made no pipes in " + SLOT_TIMEOUT_S + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(stock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the command launcher", e);
                }
            }
            long n = ready.poll();
            restock();
            return n;
        }
    }

    /** Asks for batches of slots until the stock, made or coming, is full again. Holds {@link #stock}. */
    private void restock() throws IOException {
        while (broken == null && ready.size() + coming < STOCK) {
            long first = nextSlot;
            long last = first + BATCH - 1;
            for (long n = first; n <= last; n++) {
                Files.createDirectory(runDir.resolve(Long.toString(n)));
            }
            nextSlot = last + 1;
            coming += BATCH;
            send("f " + first + " " + last);
        }
    }

    private void send(String request) throws IOException {
        try {
            synchronized (requests) {
                requests.write(request + "\n");
                requests.flush();
            }
        } catch (IOException e) {
            throw new IOException("the command launcher is gone", e);
        }
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
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            log.debug("the command launcher's answers ended: {}", e.toString());
        }
        IOException gone = new IOException("the command launcher ended");
        stop(gone);
        pending.values().forEach(l -> l.fail(gone));
        pending.clear();
    }

    private void answer(String[] words) {
        switch (words[0]) {
            case "stocked" -> stocked(Long.parseLong(words[1]), Long.parseLong(words[2]));
            case "unstocked" -> stop(new IOException("the command launcher could not make the commands' pipes"));
            case "pid" -> launch(words).ifPresent(l -> l.pid.complete(Long.parseLong(words[2])));
            case "exit" -> {
                launch(words).ifPresent(l -> l.exit.complete(Integer.parseInt(words[2])));
                pending.remove(Long.parseLong(words[1]));
            }
            default -> log.warn("unexpected answer from the command launcher: {}", String.join(" ", words));
        }
    }

    private Optional<Launch> launch(String[] answer) {
        Launch launch = pending.get(Long.parseLong(answer[1]));
        if (launch == null) {
            log.warn("answer for no pending command from the command launcher: {}", String.join(" ", answer));
        }
        return Optional.ofNullable(launch);
    }

    private void stocked(long first, long last) {
        synchronized (stock) {
            for (long n = first; n <= last; n++) {
                ready.add(n);
            }
            coming -= (int) (last - first + 1);
            stock.notifyAll();
        }
    }

    private void stop(IOException why) {
        synchronized (stock) {
            if (broken == null) {
                broken = why;
            }
            stock.notifyAll();
        }
    }

    /** Ends the launcher, kills every command it started that still runs, and removes its working files. */
    @Override
    public void close() {
        VmProcess.killTree(shell.toHandle());
        try {
            requests.close();
        } catch (IOException e) {
            log.debug("closing the command launcher's requests: {}", e.toString());
        }
        // The killed shell may still be making the next batch of pipes: the directory goes until nothing comes back.
        dir.close();
    }
}
