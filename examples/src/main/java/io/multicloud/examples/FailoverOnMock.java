package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorScope;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.catalog.Priority;
import io.multicloud.core.catalog.Recommendation;
import io.multicloud.core.mci.Mci;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;

/**
 * "Give me two L4 GPUs, the cheapest place first, for at most 2 USD an hour": a recommendation
 * becomes an MCI subgroup that fails over. On the mock, the cheapest region (mars) has no GPU
 * capacity left, so the subgroup moves to the next place, and the report says where it went and why.
 * <pre>mvn -q -f examples exec:java -Dexec.mainClass=io.multicloud.examples.FailoverOnMock</pre>
 */
public final class FailoverOnMock {
    private FailoverOnMock() {
    }

    public static void main(String[] args) {
        try (MultiCloud mc = MultiCloud.create()) {
            Cloud mars = mc.connect(ConnectionConfig.of("mock", "mars").zone("mars-z1"));
            mc.connect("mock", "venus");
            mc.connect("mock", "jupiter");
            // Mars is out of GPU capacity in every zone: each VM create there is refused, region-wide.
            mars.unwrap(MockControl.class).failFraction("vm.create", 1.0, 42, FaultKind.CAPACITY, ErrorScope.REGION);

            Recommendation places = mc.recommend().providers("mock")
                    .where("acceleratorModel").is("L4")
                    .where("acceleratorCount").equalTo(1)
                    .orderBy(Priority.cost())
                    .limit(3)
                    .run();
            System.out.println(places);

            Mci llm = mc.mci("llm").subGroup("gpu", places, "ubuntu-22.04", 2).budget(2.0).create();
            System.out.println(llm.creation());
            System.out.println("gpu runs at " + llm.creation().placeOf("gpu").orElseThrow() + ": " + llm.status()
                    + ", " + llm.cost());
            llm.delete();
        }
    }
}
