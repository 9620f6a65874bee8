package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offer fields a recommendation filters on, by the names used in requests (the record
 * component names of {@link Offer}, plus a few short aliases).
 */
public enum Field {
    PROVIDER("provider", false), REGION("region", false), ZONE("zone", false), SPEC_NAME("specName", false),
    ID("id", false), ARCHITECTURE("architecture", false), ACCELERATOR_TYPE("acceleratorType", false),
    ACCELERATOR_MODEL("acceleratorModel", false), CURRENCY("currency", false), SOURCE("source", false),
    ORIGIN("origin", false),
    VCPUS("vcpus", true), MEMORY_GIB("memoryGiB", true), ACCELERATOR_COUNT("acceleratorCount", true),
    ACCELERATOR_MEMORY_GIB("acceleratorMemoryGiB", true), ACCELERATOR_TOTAL_MEMORY_GIB("acceleratorTotalMemoryGiB", true),
    COST_PER_HOUR("costPerHour", true), SPOT_COST_PER_HOUR("spotCostPerHour", true),
    LATITUDE("latitude", true), LONGITUDE("longitude", true);

    private static final Map<String, Field> ALIASES = Map.ofEntries(
            Map.entry("cost", COST_PER_HOUR), Map.entry("price", COST_PER_HOUR), Map.entry("spotcost", SPOT_COST_PER_HOUR),
            Map.entry("spotprice", SPOT_COST_PER_HOUR), Map.entry("vcpu", VCPUS), Map.entry("cpus", VCPUS),
            Map.entry("memory", MEMORY_GIB), Map.entry("spec", SPEC_NAME), Map.entry("gpumodel", ACCELERATOR_MODEL),
            Map.entry("gpucount", ACCELERATOR_COUNT), Map.entry("gpumemorygib", ACCELERATOR_MEMORY_GIB),
            Map.entry("zones", ZONE), Map.entry("arch", ARCHITECTURE));

    private final String key;
    private final boolean numeric;

    Field(String key, boolean numeric) {
        this.key = key;
        this.numeric = numeric;
    }

    /** The name in requests ({@code acceleratorMemoryGiB}). */
    public String key() {
        return key;
    }

    /** Whether it holds a number (else text). */
    public boolean numeric() {
        return numeric;
    }

    /** The field of a name, case-insensitive; an unknown name is an error listing the known ones. */
    public static Field of(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Field f : values()) {
                if (f.key.toLowerCase(Locale.ROOT).equals(n)) {
                    return f;
                }
            }
            Field alias = ALIASES.get(n);
            if (alias != null) {
                return alias;
            }
        }
        throw new InvalidRequestException("field", "unknown offer field '" + name + "'; fields: "
                + Arrays.stream(values()).map(Field::key).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return key;
    }
}
