package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import java.util.Map;

/**
 * One VM of an MCI as last seen.
 *
 * @param subGroup its subgroup
 * @param index its number in the subgroup (names are {@code <mci>-<subgroup>-<index>}; never reused)
 * @param cloud the connection it runs on
 * @param vm the cloud's view of it when last read
 */
public record MciVm(String subGroup, int index, Cloud cloud, Vm vm) {

    /** The VM's name. */
    public String name() {
        return vm.name();
    }

    /** Its status when last read. */
    public VmStatus status() {
        return vm.status();
    }

    /** Its labels: the VM's tags, with {@code multicloud:mci} and {@code multicloud:subgroup}. */
    public Map<String, String> labels() {
        return vm.tags();
    }

    /**
     * The price it was launched at, as recorded in its tags when it was made (the catalog's price
     * then, whatever the catalog says now); empty when none was known.
     */
    public java.util.Optional<io.multicloud.core.catalog.PriceQuote> launchPrice() {
        return MciTags.launchPrice(vm.tags());
    }

    /** The connection's name. */
    public String connection() {
        return cloud.config().name();
    }

    /** A copy on another connection to the same place (a reopened one). */
    MciVm on(Cloud other) {
        return new MciVm(subGroup, index, other, vm);
    }

    /** A copy with a newer view of the VM. */
    MciVm with(Vm newer) {
        return new MciVm(subGroup, index, cloud, newer);
    }
}
