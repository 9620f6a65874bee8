package io.multicloud.testkit.ssh;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

/**
 * What exec and shell channels run on the VM a session reached: an exec runs
 * {@code /bin/sh -c <command>}, as sshd runs a command through the login shell; a shell runs
 * {@code /bin/sh} reading its commands from stdin (there is no terminal).
 */
final class VmCommands implements CommandFactory, ShellFactory {
    private final ServedVms vms;
    private final ExecutorService pumps;
    private final LiveProcesses live;

    VmCommands(ServedVms vms, ExecutorService pumps, LiveProcesses live) {
        this.vms = vms;
        this.pumps = pumps;
        this.live = live;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) throws IOException {
        return new VmProcess(vm(channel), List.of("/bin/sh", "-c", command), pumps, live);
    }

    @Override
    public Command createShell(ChannelSession channel) throws IOException {
        return new VmProcess(vm(channel), List.of("/bin/sh"), pumps, live);
    }

    private ServedVm vm(ChannelSession channel) throws IOException {
        ServedVm vm = vms.of(channel.getSession());
        if (vm == null) {
            throw new IOException("the VM of this session is no longer served");
        }
        return vm;
    }
}
