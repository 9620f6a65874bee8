package io.multicloud.benchmarks;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens many mock connections, each on its own account (so each is a separate cloud), spread
 * over the mock's regions.
 */
final class MockFleet {
    /** The mock's regions, taken in turn. */
    static final List<String> REGIONS = List.of("mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune", "pluto");

    private MockFleet() {
    }

    /**
     * Opens {@code count} connections named {@code <prefix><i>} on accounts {@code <prefix>-account-<i>},
     * with these driver properties (latency, transition time, quotas...).
     */
    static List<Cloud> open(MultiCloud mc, String prefix, int count, Map<String, String> properties) {
        List<Cloud> clouds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ConnectionConfig config = ConnectionConfig.of("mock", REGIONS.get(i % REGIONS.size()))
                    .named(prefix + i).credential("account", prefix + "-account-" + i);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                config = config.property(property.getKey(), property.getValue());
            }
            clouds.add(mc.connect(config));
        }
        return clouds;
    }

    /** The control panel of a mock connection. */
    static MockControl control(Cloud cloud) {
        return cloud.unwrap(MockControl.class);
    }

    /** Calls of one operation (such as {@code vm.find}) over all these connections' accounts. */
    static long calls(List<Cloud> clouds, String operation) {
        return clouds.stream().mapToLong(c -> control(c).callCount(operation)).sum();
    }
}
