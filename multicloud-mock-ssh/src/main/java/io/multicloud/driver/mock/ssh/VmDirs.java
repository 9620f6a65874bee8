package io.multicloud.driver.mock.ssh;

import io.multicloud.driver.mock.MockSshVm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A served VM's own directories under the work dir: {@code <name>-<id>/home}, where its
 * commands run and SFTP is rooted, and {@code <name>-<id>/bin}, first on its PATH, holding a
 * {@code hostname} that answers like the VM's ({@code -I}/{@code -i} give its private IP).
 *
 * @param home the VM's home directory
 * @param bin  the directory of the VM's own commands
 */
record VmDirs(Path home, Path bin) {

    /** Makes the directories and the VM's {@code hostname}. */
    static VmDirs create(Path workDir, MockSshVm vm) {
        Path root = workDir.resolve(vm.name() + "-" + vm.id());
        VmDirs dirs = new VmDirs(root.resolve("home"), root.resolve("bin"));
        try {
            Files.createDirectories(dirs.home);
            Files.createDirectories(dirs.bin);
            Path hostname = dirs.bin.resolve("hostname");
            Files.writeString(hostname, "#!/bin/sh\n"
                    + "case \"$1\" in\n"
                    + "  -I|-i|--all-ip-addresses|--ip-address) echo " + quoted(vm.privateIp()) + " ;;\n"
                    + "  *) echo " + quoted(vm.name()) + " ;;\n"
                    + "esac\n");
            Files.setPosixFilePermissions(hostname, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directories of VM " + vm.name() + " under " + workDir, e);
        }
    }

    /** A shell word that stays one word whatever it holds. */
    static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
