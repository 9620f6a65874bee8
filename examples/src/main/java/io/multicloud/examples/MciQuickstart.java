package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.CostEstimate;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciReview;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.SubGroupRequest;
import java.util.List;

/**
 * An MCI over two regions of the mock cloud: reviewed and priced before it is made, created with
 * a progress bar, acted on as one and by label selector, scaled out, and deleted.
 * <pre>./dev run MciQuickstart</pre>
 */
public final class MciQuickstart {
    private MciQuickstart() {
    }

    public static void main(String[] args) {
        try (MultiCloud mc = MultiCloud.create()) {
            Cloud mars = mc.connect("mock", "mars");
            Cloud venus = mc.connect("mock", "venus");
            List<SubGroupRequest> groups = List.of(
                    SubGroupRequest.of("mars", mars, "m1.small", "ubuntu-22.04", 3),
                    SubGroupRequest.of("venus", venus, "m1.small", "ubuntu-22.04", 2));

            System.out.println("1. Review and cost, before anything is made:");
            System.out.println(MciReview.of(groups));
            System.out.println(CostEstimate.of(groups));

            System.out.println("2. Creating MCI 'web' over mars and venus:");
            Mci web = mc.mci("web").subGroup(groups.get(0)).subGroup(groups.get(1))
                    .onPartialFailure(PartialFailure.ROLLBACK).listener(new ProgressBar(System.out)).create();
            System.out.println("   " + web.creation());
            System.out.println("   status: " + web.status());

            System.out.println("3. Suspending the venus subgroup: " + web.suspend("multicloud:subgroup=venus"));
            System.out.println("   status: " + web.refresh());
            System.out.println("   resuming it: " + web.resume("multicloud:subgroup=venus"));

            System.out.println("4. Scaling mars out by 2:");
            System.out.println("   " + web.scaleOut("mars", 2, new ProgressBar(System.out)));
            web.vms().forEach(vm -> System.out.println("   " + vm.name() + " " + vm.status().display() + " on " + vm.connection()));

            System.out.println("5. Deleting the MCI: " + web.delete());
            int left = mars.vms().list().size() + venus.vms().list().size() + mars.vpcs().list().size()
                    + venus.vpcs().list().size();
            System.out.println("   left on the clouds: " + left + " VMs and VPCs; MCIs: " + mc.mcis().list().size());
        }
    }
}
