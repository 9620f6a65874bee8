package io.multicloud.driver.mock;

import io.multicloud.api.Price;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.spi.AnyCallService;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mock's own functions (names are matched without regard to case):
 * <ul>
 *   <li>{@code GetConsoleOutput} {@code {vm}} → {@code {output}}: the VM's serial console so far;</li>
 *   <li>{@code GetSpotPrice} {@code {spec}} → {@code {price, currency, onDemandPrice}}: a spot price,
 *       30% of the on-demand price;</li>
 *   <li>{@code DescribeQuotas} {@code {}} → {@code {vcpusUsed, vcpusMax, vmsUsed, vmsMax}}: the region's quotas.</li>
 * </ul>
 * An unknown function is InvalidRequest naming the known ones; a missing parameter is
 * InvalidRequest naming it.
 */
final class MockAnyCall implements AnyCallService {
    static final String GET_CONSOLE_OUTPUT = "GetConsoleOutput";
    static final String GET_SPOT_PRICE = "GetSpotPrice";
    static final String DESCRIBE_QUOTAS = "DescribeQuotas";
    /** Every function, for the capabilities. */
    static final Set<String> FUNCTIONS = Set.of(GET_CONSOLE_OUTPUT, GET_SPOT_PRICE, DESCRIBE_QUOTAS);
    private static final double SPOT_DISCOUNT = 0.3;

    private final MockContext ctx;

    MockAnyCall(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        return ctx.read(MockOperations.of("any_call", "call"), (r, now) -> {
            String name = function == null ? "" : function.toLowerCase(Locale.ROOT);
            if (name.equals(GET_CONSOLE_OUTPUT.toLowerCase(Locale.ROOT))) {
                return Map.of("output", consoleOutput(r.vms.get(param(params, "vm"), ctx.errors)));
            }
            if (name.equals(GET_SPOT_PRICE.toLowerCase(Locale.ROOT))) {
                String spec = param(params, "spec");
                Price price = ctx.catalog.price(r.name, spec).orElseThrow(() -> ctx.errors.notFound(ResourceKind.SPEC, spec,
                        "is not offered in region " + r.name));
                double spot = Math.round(price.costPerHour() * SPOT_DISCOUNT * 10_000) / 10_000.0;
                return Map.of("price", Double.toString(spot), "currency", price.currency(),
                        "onDemandPrice", Double.toString(price.costPerHour()));
            }
            if (name.equals(DESCRIBE_QUOTAS.toLowerCase(Locale.ROOT))) {
                int[] used = r.quotaUsage();
                return Map.of("vcpusUsed", Integer.toString(used[0]), "vcpusMax", Integer.toString(r.maxVcpus),
                        "vmsUsed", Integer.toString(used[1]), "vmsMax", Integer.toString(r.maxVms));
            }
            throw ctx.errors.invalid(null, null, "function",
                    "unknown function '" + function + "'; the mock knows " + new TreeSet<>(FUNCTIONS));
        });
    }

    private String param(Map<String, String> params, String key) {
        String value = params == null ? null : params.get(key);
        if (value == null || value.isBlank()) {
            throw ctx.errors.invalid(null, null, key, "is required");
        }
        return value;
    }

    private static String consoleOutput(VmEntity vm) {
        StringBuilder out = new StringBuilder()
                .append("[    0.000000] Linux version 6.8.0-mock (mock@multicloud) #1 SMP\n")
                .append("[    0.412000] Booting ").append(vm.image).append(" on ").append(vm.spec).append('\n');
        if (vm.status() == VmStatus.FAILED) {
            return out.append("[    2.100000] Kernel panic - not syncing: VFS: Unable to mount root fs\n").toString();
        }
        if (vm.status() == VmStatus.CREATING) {
            return out.toString();
        }
        return out.append("[    3.020000] cloud-init: hostname ").append(vm.name).append('\n')
                .append("[    3.300000] cloud-init: ssh user ").append(vm.loginUser).append('\n')
                .append(vm.name).append(" login: \n").toString();
    }
}
