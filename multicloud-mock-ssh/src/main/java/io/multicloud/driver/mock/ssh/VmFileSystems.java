package io.multicloud.driver.mock.ssh;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.session.SessionContext;

/**
 * What SFTP sees on a VM: a file system rooted at the VM's home, so that a relative path (the
 * SFTP default directory is the root) lands in the home where commands run.
 */
final class VmFileSystems implements FileSystemFactory {
    private final ServedVms vms;

    VmFileSystems(ServedVms vms) {
        this.vms = vms;
    }

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        return vm(session).home();
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        return new RootedFileSystemProvider().newFileSystem(vm(session).home(), Map.of());
    }

    private ServedVm vm(SessionContext session) throws IOException {
        ServedVm vm = vms.of(session);
        if (vm == null) {
            throw new IOException("the session reached no served VM");
        }
        return vm;
    }
}
