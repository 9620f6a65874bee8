package io.multicloud.core.remote;

import java.time.Duration;

/**
 * What one command did on one VM.
 *
 * @param command the command as sent (its built-in functions expanded for the VM)
 * @param exitCode its exit status
 * @param stdout its standard output (lines, each ending with a newline)
 * @param stderr its standard error (lines, each ending with a newline)
 * @param duration how long it ran
 */
public record CommandResult(String command, int exitCode, String stdout, String stderr, Duration duration) {

    /** Whether it exited with 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /** The command may carry a secret argument: only its length is shown. */
    @Override
    public String toString() {
        return "CommandResult[" + command.length() + " chars, exit=" + exitCode + ", stdout=" + stdout.length()
                + " chars, stderr=" + stderr.length() + " chars, " + duration.toMillis() + " ms]";
    }
}
