package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One spec offered at one place of one cloud, with its price: what the recommendation filters and
 * orders. Numbers that are not known are {@code NaN} (an unknown never passes a numeric filter);
 * zero is a value ({@code acceleratorCount == 0} is a CPU-only spec).
 *
 * @param id {@code provider+region+specName[+zone]}
 * @param zones the zones it is offered in (empty when the source does not say)
 * @param location where the region is, or {@code null} when no source gives its coordinates
 * @param vcpus virtual CPUs (fractional for shared-core types)
 * @param memoryGiB memory
 * @param architecture CPU architecture, {@code null} when unknown
 * @param acceleratorType GPU, TPU, NPU..., {@code null} when it has none
 * @param acceleratorModel the normalised model ({@code A100-80GB}, {@code H100}, {@code L4}), empty when none
 * @param acceleratorCount how many (fractional for a share of one GPU, such as Azure's 1/3 A10); 0 when none
 * @param acceleratorMemoryGiB memory of each accelerator as the VM sees it (for a fractional share:
 *                             the share's memory); 0 when none, NaN when unknown
 * @param costPerHour on-demand price per hour (Linux), NaN when unknown
 * @param spotCostPerHour spot / preemptible price per hour, NaN when unknown
 * @param currency ISO code of both prices, such as {@code USD}
 * @param source live or snapshot
 * @param asOf when the facts were true: the load time of a live answer, the data date of the snapshot
 * @param origin which connection or which data set said so ({@code live:mock-mars}, {@code snapshot:gcp_vms.csv})
 */
public record Offer(OfferId id, List<String> zones, GeoLocation location, double vcpus, double memoryGiB,
                    Architecture architecture, AcceleratorType acceleratorType, String acceleratorModel,
                    double acceleratorCount, double acceleratorMemoryGiB, double costPerHour, double spotCostPerHour,
                    String currency, Source source, Instant asOf, String origin) {

    public Offer {
        Objects.requireNonNull(id, "id");
        zones = List.copyOf(zones);
        acceleratorModel = acceleratorModel == null ? "" : acceleratorModel;
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        origin = origin == null ? "" : origin;
    }

    /** The provider (driver name). */
    public String provider() {
        return id.provider();
    }

    /** The cloud's region name. */
    public String region() {
        return id.region();
    }

    /** The cloud's spec name. */
    public String specName() {
        return id.spec();
    }

    /** The same offer in one of its zones: its id names the zone (a place to try, a VM's place). */
    public Offer inZone(String zone) {
        return new Offer(new OfferId(id.provider(), id.region(), id.spec(), zone), zones, location, vcpus, memoryGiB,
                architecture, acceleratorType, acceleratorModel, acceleratorCount, acceleratorMemoryGiB, costPerHour,
                spotCostPerHour, currency, source, asOf, origin);
    }

    /** Whether it carries any accelerator. */
    public boolean hasAccelerator() {
        return acceleratorCount > 0;
    }

    /**
     * Accelerator memory of the whole VM: each one's memory times the count, and for a fractional
     * share (count below 1) the share's memory itself.
     */
    public double acceleratorTotalMemoryGiB() {
        return totalMemory(acceleratorCount, acceleratorMemoryGiB);
    }

    static double totalMemory(double count, double each) {
        if (count <= 0) {
            return 0;
        }
        return count < 1 ? each : each * count;
    }

    /** How old the facts are at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(asOf, now).isNegative() ? Duration.ZERO : Duration.between(asOf, now);
    }

    /** One line: id, shape, price, source. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(id.toString()).append(' ');
        b.append(num(vcpus)).append(" vCPU ").append(num(memoryGiB)).append(" GiB");
        if (architecture != null && architecture != Architecture.X86_64) {
            b.append(' ').append(architecture.name().toLowerCase(Locale.ROOT));
        }
        if (hasAccelerator()) {
            b.append(' ').append(num(acceleratorCount)).append('x').append(acceleratorModel)
                    .append(Double.isNaN(acceleratorMemoryGiB) ? "(? GiB)" : "(" + num(acceleratorMemoryGiB) + " GiB)");
        }
        b.append(", ").append(money(costPerHour)).append(' ').append(currency).append("/h");
        if (!Double.isNaN(spotCostPerHour)) {
            b.append(" (spot ").append(money(spotCostPerHour)).append(')');
        }
        return b.append(", ").append(source.name().toLowerCase(Locale.ROOT)).append(' ').append(origin).toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String money(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.4f", v);
    }
}
