package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.remote.ExecReport;
import io.multicloud.core.remote.RemoteCommand;
import io.multicloud.core.remote.VmExecResult;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Commands on an MCI over real SSH, on the mock cloud: each mock VM gets an SSH server of its
 * own on 127.0.0.1 ({@link MockSshServers}, module multicloud-mock-ssh: no test framework), so the commands really run, in
 * a local shell that knows the VM's name and addresses. Shows built-in functions, a command list
 * in one shell, streamed output, an upload and a download.
 * <pre>./dev run RemoteQuickstart</pre>
 */
public final class RemoteQuickstart {
    private RemoteQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("multicloud-remote-quickstart");
        try {
            run(work, System.out);
        } finally {
            deleteTree(work);
        }
    }

    /** Removes the example's work directory (its SSH store, the VMs' homes, the downloaded file). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs the example in a work directory (its SSH store and the VMs' homes live there). */
    public static ExecReport run(Path work, PrintStream out) throws IOException {
        try (MockSshServers servers = MockSshServers.start(work.resolve("vms"));
             MultiCloud mc = MultiCloud.builder().home(work.resolve("home")).build()) {
            Cloud mars = mc.connect("mock", "mars");
            Cloud venus = mc.connect("mock", "venus");
            mars.unwrap(MockControl.class).serveSsh(servers);   // every VM made from now on gets an SSH server
            venus.unwrap(MockControl.class).serveSsh(servers);

            Mci llm = mc.mci("llm").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2)
                    .subGroup("venus", venus, "m1.small", "ubuntu-22.04", 2).create();
            out.println("1. " + llm.status() + "; the shared key pair's private key is in " + mc.sshStore().directory());

            out.println("2. Built-in functions, expanded per VM before anything is sent:");
            ExecReport report = llm.exec(RemoteCommand.of(
                    "echo \"I am $(hostname): model $$Func(AssignTask(task='llama3,phi3')),"
                            + " peers $$Func(GetPublicIPs(target=this, postfix=:11434))\"")
                    .listener((vm, stream, line) -> out.println("   " + vm + " | " + line)));
            out.println("   " + report);

            out.println("3. A list of commands in one shell per VM (cd carries over), on one subgroup:");
            report = llm.exec(RemoteCommand.of("mkdir -p app && cd app", "echo ready > status", "pwd")
                    .on("multicloud:subgroup=venus"));
            report.results().forEach(r -> out.println("   " + r.vm() + ": " + r.stdout().strip() + " (exit " + r.exitCode() + ")"));

            Path script = Files.writeString(work.resolve("hello.sh"), "echo \"hello from $(hostname)\"\n");
            out.println("4. Upload, then run it: " + llm.upload(script, "bin/hello.sh"));
            llm.exec("sh bin/hello.sh").results().stream().map(VmExecResult::stdout)
                    .forEach(line -> out.print("   " + line));

            Path status = work.resolve("status-from-venus-1");
            out.println("5. Download: " + llm.download("llm-venus-1", "app/status", status) + " -> "
                    + Files.readString(status).strip());

            out.println("6. Deleting: " + llm.delete());
            return report;
        }
    }
}
