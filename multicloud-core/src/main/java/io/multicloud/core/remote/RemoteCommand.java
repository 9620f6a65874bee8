package io.multicloud.core.remote;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Validate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Commands to run on VMs of an MCI, built fluently:
 * <pre>{@code
 * mci.exec(RemoteCommand.of("cd /opt", "./install.sh $$Func(AssignTask(task='a,b'))")
 *         .on("multicloud:subgroup=gpu").parallelism(20).timeout(Duration.ofMinutes(30))
 *         .listener((vm, stream, line) -> System.out.println(vm + ": " + line)));
 * }</pre>
 * The commands run in order in one shell session per VM, so {@code cd} and variables carry
 * over, and stop at the first one that fails unless {@link #keepGoing()} is set. Each command's
 * built-in functions ({@code $$Func(...)}) are expanded per VM, and checked for every VM before
 * any VM is contacted. A command must not wait for input: its standard input is empty.
 *
 * @param commands the commands, in order
 * @param selector a label selector narrowing the MCI's VMs (empty for all of them)
 * @param parallelism how many VMs are worked on at once
 * @param connectTimeout how long to wait for an SSH connection (each hop through a bastion)
 * @param commandTimeout how long one command may run before it is stopped
 * @param continueOnFailure whether later commands run after one failed ({@link #keepGoing()})
 * @param bastion the name of a VM to jump through for VMs without a public IP, or null to pick a
 *     running VM with a public IP in the same network
 * @param listener hears the output line by line while it runs
 */
public record RemoteCommand(List<String> commands, String selector, int parallelism, Duration connectTimeout,
                            Duration commandTimeout, boolean continueOnFailure, String bastion, OutputListener listener) {
    /** The most VMs worked on at once, unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 256;

    public RemoteCommand {
        if (commands == null || commands.isEmpty()) {
            throw new InvalidRequestException("commands", "give at least one command");
        }
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) == null || commands.get(i).isBlank()) {
                throw new InvalidRequestException("commands", "command " + (i + 1) + " is " + (commands.get(i) == null
                        ? "missing (null)" : "empty"));
            }
        }
        commands = List.copyOf(commands);
        selector = selector == null ? "" : selector;
        Validate.range("parallelism", parallelism, 1, 100_000);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("commandTimeout", commandTimeout);
        listener = listener == null ? OutputListener.NONE : listener;
    }

    /** These commands on every VM, 256 VMs at a time, 10 s to connect, 10 minutes per command. */
    public static RemoteCommand of(String... commands) {
        return new RemoteCommand(commands == null ? null : Arrays.asList(commands), "", DEFAULT_PARALLELISM, Duration.ofSeconds(10),
                Duration.ofMinutes(10), false, null, null);
    }

    /** Only on the VMs the label selector matches (such as {@code multicloud:subgroup=web}). */
    public RemoteCommand on(String labelSelector) {
        return new RemoteCommand(commands, labelSelector, parallelism, connectTimeout, commandTimeout, continueOnFailure, bastion, listener);
    }

    /** At most this many VMs at once. */
    public RemoteCommand parallelism(int vmsAtOnce) {
        return new RemoteCommand(commands, selector, vmsAtOnce, connectTimeout, commandTimeout, continueOnFailure, bastion, listener);
    }

    /** How long to wait for an SSH connection. */
    public RemoteCommand connectTimeout(Duration timeout) {
        return new RemoteCommand(commands, selector, parallelism, timeout, commandTimeout, continueOnFailure, bastion, listener);
    }

    /** How long one command may run. */
    public RemoteCommand timeout(Duration perCommand) {
        return new RemoteCommand(commands, selector, parallelism, connectTimeout, perCommand, continueOnFailure, bastion, listener);
    }

    /** Runs every command even after one failed. */
    public RemoteCommand keepGoing() {
        return new RemoteCommand(commands, selector, parallelism, connectTimeout, commandTimeout, true, bastion, listener);
    }

    /** Jumps through this VM (of the MCI, or of the target's connection) to VMs without a public IP. */
    public RemoteCommand bastion(String vmName) {
        Validate.name("bastion", vmName);
        return new RemoteCommand(commands, selector, parallelism, connectTimeout, commandTimeout, continueOnFailure, vmName, listener);
    }

    /** Streams the output to this listener while it runs. */
    public RemoteCommand listener(OutputListener newListener) {
        return new RemoteCommand(commands, selector, parallelism, connectTimeout, commandTimeout, continueOnFailure, bastion, newListener);
    }

    /** Commands may carry secrets (tokens passed to scripts): only their number is shown. */
    @Override
    public String toString() {
        return "RemoteCommand[" + commands.size() + " commands, selector='" + selector + "', parallelism=" + parallelism
                + ", connectTimeout=" + connectTimeout + ", commandTimeout=" + commandTimeout + ", continueOnFailure=" + continueOnFailure
                + ", bastion=" + bastion + "]";
    }

    private static void requirePositive(String field, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidRequestException(field, "must be a positive duration, not " + d);
        }
    }
}
