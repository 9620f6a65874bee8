package io.multicloud.catalog.importer;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.AcceleratorModels;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.Source;
import java.time.Instant;
import java.util.List;

/** Makes snapshot offers the same way for every source: models normalised, memory from the table when a source lacks it. */
final class OfferMaker {
    private final String origin;
    private final Instant asOf;
    private final ImportReport report;

    OfferMaker(String origin, Instant asOf, ImportReport report) {
        this.origin = origin;
        this.asOf = asOf;
        this.report = report;
    }

    /**
     * One offer. {@code rawModel} may be empty (no accelerator); {@code eachMemoryGiB} is the
     * memory of one whole accelerator, NaN when the source does not say (then the model table
     * gives it, or it stays unknown). For a fractional count (a share of one GPU), the VM sees
     * the share of the memory: 1/3 of a 24 GiB A10 is 8 GiB.
     */
    Offer make(String provider, String region, String spec, String zone, List<String> zones, double vcpus,
               double memoryGiB, Architecture arch, String rawModel, double count, double eachMemoryGiB, double cost,
               double spot, String currency) {
        String model = "";
        AcceleratorType type = null;
        double memory = 0;
        double n = Double.isNaN(count) ? 0 : count;
        if (rawModel != null && !rawModel.isBlank() && n > 0) {
            model = AcceleratorModels.normalise(rawModel, eachMemoryGiB);
            type = AcceleratorModels.type(model);
            memory = eachMemoryGiB;
            if (Double.isNaN(memory) || memory <= 0) {
                memory = AcceleratorModels.memoryGiB(model).orElse(Double.NaN);
                report.fact(Double.isNaN(memory) ? "accelerator memory unknown (no source, no table entry)"
                        : "accelerator memory from the model table");
            }
            if (n < 1) {
                long parts = Math.round(1 / n);
                report.fact("fractional accelerator count (memory shared)");
                memory = Math.round(memory / parts * 1000) / 1000.0;
            }
        }
        return new Offer(new OfferId(provider, region, spec, zone), zones, null, vcpus, memoryGiB, arch, type, model, n,
                memory, round6(cost), round6(spot), currency, Source.SNAPSHOT, asOf, origin);
    }

    /** The same maker for offers of another file of the same date. */
    OfferMaker origin(String file) {
        return new OfferMaker("snapshot:" + file, asOf, report);
    }

    static double round6(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1_000_000) / 1_000_000.0;
    }

    /** A number, NaN when empty or not a number. */
    static double num(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
