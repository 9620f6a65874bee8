package io.multicloud.core.remote;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The script that runs a list of commands in one shell on a VM. Each command runs in a brace
 * group in the shell itself (so {@code cd} and variables carry over) with an empty standard
 * input (so a command that reads input cannot swallow the rest of the script). After each, the
 * shell prints an end marker carrying the exit code on stdout, and the bare marker on stderr,
 * each on a line of its own, which is how one shell's output is split back into commands. The
 * marker holds a random nonce, so a command's own output cannot fake it. Unless told to go on,
 * the shell exits with the first non-zero exit code. Before the commands, the shell prints its pid
 * (the marker, {@value #PID_SUFFIX}, the pid) so that a command that runs past its timeout can be
 * stopped with everything it started.
 */
final class ShellScript {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest script sent as the exec request itself (SSH servers accept packets of 32 KiB). */
    static final int INLINE_LIMIT = 16 * 1024;
    /** For a longer script, what the login shell runs: bash where present, else sh, reading the script from stdin. */
    static final String SHELL = "command -v bash >/dev/null 2>&1 && exec bash -s || exec sh -s";

    /** What follows the marker on the line that tells the shell's pid. */
    static final String PID_SUFFIX = "-pid";

    private final String marker;
    private final String text;

    private ShellScript(String marker, String text) {
        this.marker = marker;
        this.text = text;
    }

    /** The script for these commands (already expanded for the VM). */
    static ShellScript of(List<String> commands, boolean keepGoing) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String marker = "__multicloud_end_" + HexFormat.of().formatHex(nonce);
        StringBuilder script = new StringBuilder();
        // First the shell's pid: an SSH server starts each exec in a session of its own, so it is
        // also the process group of everything the commands start, which a timeout stops.
        script.append("printf '%s %s\\n' '").append(marker).append(PID_SUFFIX).append("' \"$$\"\n");
        for (String command : commands) {
            script.append("{ ").append(command).append("\n} </dev/null\n")
                    .append("__mc_rc=$?\n")
                    .append("printf '\\n%s %s\\n' '").append(marker).append("' \"$__mc_rc\"\n")
                    .append("printf '\\n%s\\n' '").append(marker).append("' >&2\n");
            if (!keepGoing) {
                script.append("[ \"$__mc_rc\" -eq 0 ] || exit \"$__mc_rc\"\n");
            }
        }
        script.append("exit \"$__mc_rc\"\n");
        return new ShellScript(marker, script.toString());
    }

    /** The marker that ends each command's output. */
    String marker() {
        return marker;
    }

    /** The script text. */
    String text() {
        return text;
    }
}
