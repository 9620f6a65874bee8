package io.multicloud.core.mci;

import io.multicloud.api.VmStatus;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status of an MCI, aggregated from its VMs' statuses: how many VMs are in each status, the
 * dominant status (the largest count), and whether the MCI is partial (not every VM shares it).
 * Printed as {@code {Status}:{count} (R:{running}/{total})}, prefixed {@code Partial-} when
 * partial: {@code Running:4 (R:4/4)}, {@code Partial-Running:3 (R:3/4)}.
 *
 * <p>Ties between equal counts are broken in the fixed order {@link #TIE_ORDER}, which favours
 * trouble, then progress, over calm: {@code FAILED, UNKNOWN, CREATING, RESUMING, REBOOTING,
 * SUSPENDING, TERMINATING, RUNNING, SUSPENDED, TERMINATED}. Two VMs failed and two running read
 * {@code Partial-Failed:2 (R:2/4)}, so a glance at the status never hides a problem.
 *
 * <p>An MCI with no VMs prints {@code Empty:0 (R:0/0)}, is not partial, and has no dominant
 * status ({@link #dominant()} refuses; ask {@link #isEmpty()} first).
 *
 * @param counts how many VMs are in each status: an immutable {@link EnumMap} copy without zero entries
 * @param total how many VMs in all, the sum of the counts
 */
public record MciStatus(Map<VmStatus, Integer> counts, int total) {

    /** The order that breaks ties between statuses of equal count, first wins: trouble, then progress, then calm. */
    public static final List<VmStatus> TIE_ORDER = List.of(
            VmStatus.FAILED, VmStatus.UNKNOWN,
            VmStatus.CREATING, VmStatus.RESUMING, VmStatus.REBOOTING, VmStatus.SUSPENDING, VmStatus.TERMINATING,
            VmStatus.RUNNING, VmStatus.SUSPENDED, VmStatus.TERMINATED);

    public MciStatus {
        Objects.requireNonNull(counts, "counts");
        EnumMap<VmStatus, Integer> copy = new EnumMap<>(VmStatus.class);
        int sum = 0;
        for (Map.Entry<VmStatus, Integer> entry : counts.entrySet()) {
            VmStatus status = Objects.requireNonNull(entry.getKey(), "status");
            int count = Objects.requireNonNull(entry.getValue(), "count");
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count + " for " + status);
            }
            if (count > 0) {
                copy.put(status, count);
                sum += count;
            }
        }
        if (sum != total) {
            throw new IllegalArgumentException("total " + total + " is not the sum of the counts " + sum);
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /** Aggregates the statuses of an MCI's VMs, one entry per VM. */
    public static MciStatus of(Collection<VmStatus> statuses) {
        Objects.requireNonNull(statuses, "statuses");
        EnumMap<VmStatus, Integer> counts = new EnumMap<>(VmStatus.class);
        for (VmStatus status : statuses) {
            counts.merge(Objects.requireNonNull(status, "status"), 1, Integer::sum);
        }
        return new MciStatus(counts, statuses.size());
    }

    /** How many VMs are in the status (0 when none). */
    public int count(VmStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /** How many VMs are running. */
    public int running() {
        return count(VmStatus.RUNNING);
    }

    /** Whether the MCI has no VMs. */
    public boolean isEmpty() {
        return total == 0;
    }

    /**
     * The status with the largest count, ties broken by {@link #TIE_ORDER}.
     *
     * @throws IllegalStateException when the MCI has no VMs
     */
    public VmStatus dominant() {
        if (isEmpty()) {
            throw new IllegalStateException("an MCI with no VMs has no dominant status");
        }
        VmStatus best = null;
        // TIE_ORDER is walked first to last and only a strictly larger count wins, so earlier statuses win ties.
        for (VmStatus status : TIE_ORDER) {
            if (best == null || count(status) > count(best)) {
                best = status;
            }
        }
        return best;
    }

    /** Whether the VMs do not all share the dominant status (false for an MCI with no VMs). */
    public boolean partial() {
        return !isEmpty() && count(dominant()) < total;
    }

    /** {@code {Status}:{count} (R:{running}/{total})}, prefixed {@code Partial-} when partial; {@code Empty:0 (R:0/0)} when empty. */
    @Override
    public String toString() {
        String head = isEmpty() ? "Empty:0" : (partial() ? "Partial-" : "") + dominant().display() + ":" + count(dominant());
        return head + " (R:" + running() + "/" + total + ")";
    }
}
