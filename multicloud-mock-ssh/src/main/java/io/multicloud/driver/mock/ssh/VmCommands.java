package io.multicloud.driver.mock.ssh;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

/**
 * What exec and shell channels run on the VM a session reached: an exec runs
 * {@code /bin/sh -c <command>}, as sshd runs a command through the login shell; a shell runs
 * {@code /bin/sh} reading its commands from stdin (there is no terminal). Both are started by
 * the {@link ShellLauncher}.
 */
final class VmCommands implements CommandFactory, ShellFactory {
    private final ServedVms vms;
    private final ShellLauncher launcher;
    private final ExecutorService pumps;

    VmCommands(ServedVms vms, ShellLauncher launcher, ExecutorService pumps) {
        this.vms = vms;
        this.launcher = launcher;
        this.pumps = pumps;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) throws IOException {
        return new VmProcess(vm(channel), command, launcher, pumps);
    }

    @Override
    public Command createShell(ChannelSession channel) throws IOException {
        return new VmProcess(vm(channel), "exec /bin/sh", launcher, pumps);
    }

    private ServedVm vm(ChannelSession channel) throws IOException {
        ServedVm vm = vms.of(channel.getSession());
        if (vm == null) {
            throw new IOException("the VM of this session is no longer served");
        }
        return vm;
    }
}
