package io.multicloud.examples;

import io.multicloud.api.Vm;
import java.util.List;

/** Prints VMs as a small table: name, status, zone, spec, addresses and login. */
final class VmTable {
    private static final String FORMAT = "  %-8s %-11s %-9s %-9s %-15s %-12s %s%n";

    private VmTable() {
    }

    static void print(List<Vm> vms) {
        System.out.printf(FORMAT, "NAME", "STATUS", "ZONE", "SPEC", "PUBLIC IP", "PRIVATE IP", "LOGIN");
        for (Vm vm : vms) {
            System.out.printf(FORMAT, vm.name(), vm.status().display(), vm.zone(), vm.spec(),
                    orDash(vm.publicIp()), orDash(vm.privateIp()), vm.ssh() == null ? "-" : vm.loginUser() + "@" + vm.ssh().host());
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
