package io.multicloud.core.remote;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a list of commands did on one VM: the commands that ran, in order (the list stops at the
 * first failing one unless told to go on), or the transport error that kept them from running
 * or ended them. A transport error is never an exit code.
 *
 * @param vm the VM's name
 * @param connection the connection it runs on
 * @param commands the commands that ran (a command cut off by a broken session or a timeout is
 *     included with what it printed and exit code -1)
 * @param duration from the first connection attempt to the end
 * @param error why the VM could not be reached or the session broke, or null
 */
public record VmExecResult(String vm, String connection, List<CommandResult> commands, Duration duration,
                           TransportError error) {
    public VmExecResult {
        commands = List.copyOf(commands);
    }

    /** Whether every command ran and exited with 0, with no transport error. */
    public boolean ok() {
        return error == null && commands.stream().allMatch(CommandResult::ok);
    }

    /** The transport error, if any. */
    public Optional<TransportError> transportError() {
        return Optional.ofNullable(error);
    }

    /** The exit code of the last command that ran, or -1 when none ran. */
    public int exitCode() {
        return commands.isEmpty() ? -1 : commands.get(commands.size() - 1).exitCode();
    }

    /** The standard output of all commands that ran, in order. */
    public String stdout() {
        return commands.stream().map(CommandResult::stdout).collect(Collectors.joining());
    }

    /** The standard error of all commands that ran, in order. */
    public String stderr() {
        return commands.stream().map(CommandResult::stderr).collect(Collectors.joining());
    }

    @Override
    public String toString() {
        return "VmExecResult[" + vm + " on " + connection + ", " + (error != null ? error
                : "exit=" + exitCode() + " after " + commands.size() + " commands") + ", " + duration.toMillis() + " ms]";
    }
}
