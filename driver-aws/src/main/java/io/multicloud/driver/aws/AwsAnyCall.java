package io.multicloud.driver.aws;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.AnyCallService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * AWS calls the common model leaves out. Function names match exactly:
 * <ul>
 * <li>{@code GetConsoleOutput} {@code {vm}} → {@code {output}}: the VM's serial console output,
 *     decoded from base64 (empty when AWS has none yet).</li>
 * <li>{@code DescribeSpotPriceHistory} {@code {spec, zone?}} → {@code {price, zone, timestamp}}:
 *     the newest Linux/UNIX spot price of an instance type, in USD per hour, in the given zone or
 *     any zone of the region; NotFound when AWS has none.</li>
 * </ul>
 * An unknown function or a missing parameter is an {@link InvalidRequestException}.
 */
final class AwsAnyCall implements AnyCallService {
    static final Set<String> FUNCTIONS = Set.of("GetConsoleOutput", "DescribeSpotPriceHistory");

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsAnyCall(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        if ("GetConsoleOutput".equals(function)) {
            return consoleOutput(required(params, "vm"));
        }
        if ("DescribeSpotPriceHistory".equals(function)) {
            return spotPrice(required(params, "spec"), params.get("zone"));
        }
        throw new InvalidRequestException("function", "unknown function '" + function + "'; AWS knows " + new TreeSet<>(FUNCTIONS));
    }

    private Map<String, String> consoleOutput(String vm) {
        String id = lookups.requireInstance(vm).instanceId();
        String encoded = ctx.errors().call(ResourceKind.VM, vm, () -> ctx.clients().ec2().getConsoleOutput(r -> r.instanceId(id)).output());
        return Map.of("output", decode(encoded));
    }

    private Map<String, String> spotPrice(String spec, String zone) {
        var history = ctx.errors().call(ResourceKind.SPEC, spec, () -> ctx.clients().ec2().describeSpotPriceHistory(r -> {
            r.instanceTypesWithStrings(spec).productDescriptions("Linux/UNIX").startTime(Instant.now());
            if (zone != null) {
                r.availabilityZone(zone);
            }
        }).spotPriceHistory());
        var newest = history.stream().filter(p -> zone == null || zone.equals(p.availabilityZone()))
                .max(Comparator.comparing(p -> p.timestamp() == null ? Instant.EPOCH : p.timestamp()))
                .orElseThrow(() -> new NotFoundException(ErrorContext.of(ctx.config().name(), ResourceKind.SPEC, spec),
                        "AWS has no spot price for this type" + (zone == null ? "" : " in " + zone)));
        return Map.of("price", newest.spotPrice(), "zone", String.valueOf(newest.availabilityZone()),
                "timestamp", String.valueOf(newest.timestamp()));
    }

    /** AWS sends the output base64-encoded; text that is not base64 is passed on as it is. */
    static String decode(String encoded) {
        if (encoded == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    private static String required(Map<String, String> params, String key) {
        String value = params == null ? null : params.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(key, "is required");
        }
        return value;
    }
}
