package io.multicloud.core.remote;

import java.time.Duration;
import java.util.List;

/**
 * A file uploaded to each targeted VM.
 *
 * @param mci the MCI's name
 * @param results one per VM, in natural order of their names
 * @param duration the wall time of the whole fan-out
 */
public record TransferReport(String mci, List<TransferResult> results, Duration duration) {
    public TransferReport {
        results = List.copyOf(results);
    }

    /** Whether the file reached every VM. */
    public boolean ok() {
        return results.stream().allMatch(TransferResult::ok);
    }

    @Override
    public String toString() {
        return "TransferReport[" + mci + ": " + results.size() + " VMs, " + (results.size() - failed().size()) + " ok, "
                + failed().size() + " failed, " + duration.toMillis() + " ms]";
    }

    /** The VMs it did not reach. */
    public List<TransferResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }
}
