package io.multicloud.testkit;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.KeyPair;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.nio.file.Path;

/**
 * The other process of {@link FileBackedStateTest}: {@code create <state dir> <account>} makes a
 * VPC and a VM in a file-backed mock cloud; {@code show <state dir> <account>} prints what the
 * cloud holds.
 */
public final class SharedStateScenario {
    static final String VPC = "vpc-shared";
    static final String VM = "vm-shared";

    private SharedStateScenario() {
    }

    /** Connects to the file-backed mock account that both processes use. */
    static Cloud connect(MultiCloud multiCloud, Path stateDir, String account) {
        return multiCloud.connect(ConnectionConfig.of("mock", "mars")
                .credential("account", account)
                .property("state_dir", stateDir.toString())
                .property("transition_ms", "200"));
    }

    public static void main(String[] args) {
        try (MultiCloud multiCloud = MultiCloud.create();
             Cloud cloud = connect(multiCloud, Path.of(args[1]), args[2])) {
            switch (args[0]) {
                case "create" -> {
                    cloud.vpcs().create(VpcRequest.named(VPC).cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
                    Vm vm = cloud.vms().create(VmRequest.named(VM).image("ubuntu-22.04").spec("m1.small").subnet(VPC, "sn-1"));
                    System.out.println("CREATED " + VPC + " " + vm.name() + " " + vm.status());
                }
                case "show" -> System.out.println("VPCS=" + cloud.vpcs().list().stream().map(Vpc::name).toList()
                        + " VMS=" + cloud.vms().list().stream().map(Vm::name).toList()
                        + " KEYS=" + cloud.keyPairs().list().stream().map(KeyPair::name).toList());
                default -> throw new IllegalArgumentException("usage: create|show <state dir> <account>");
            }
        }
    }
}
