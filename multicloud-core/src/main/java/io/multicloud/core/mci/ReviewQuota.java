package io.multicloud.core.mci;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota check: whether the vCPUs and VMs of every subgroup sharing one account and region
 * fit in what the quota leaves free. Only drivers that offer the any-call function
 * {@value #FUNCTION} (answering {@code vcpusUsed, vcpusMax, vmsUsed, vmsMax}) can tell; for the
 * others the check is an INFO "not checked" note.
 */
final class ReviewQuota {
    /** The any-call function that tells a region's quotas. */
    static final String FUNCTION = "DescribeQuotas";
    private static final Logger LOG = LoggerFactory.getLogger(ReviewQuota.class);

    private ReviewQuota() {
    }

    /** What a driver told about its quotas, or why it told nothing. */
    sealed interface Reading permits Known, Unknown {
    }

    /**
     * The quotas and their use in a region.
     *
     * @param vcpusUsed vCPUs in use
     * @param vcpusMax vCPUs allowed
     * @param vmsUsed VMs in use
     * @param vmsMax VMs allowed
     */
    record Known(int vcpusUsed, int vcpusMax, int vmsUsed, int vmsMax) implements Reading {
    }

    /**
     * No quota known.
     *
     * @param severity INFO when the driver cannot tell, ERROR when the call failed, WARNING when its answer made no sense
     * @param message why
     */
    record Unknown(ReviewSeverity severity, String message) implements Reading {
    }

    /**
     * The key of the quota a connection draws on: quotas belong to an account (driver, credential,
     * properties) in a region, whichever connection or zone asks. Held in memory only, never printed.
     */
    static Object accountKey(Cloud cloud) {
        ConnectionConfig c = cloud.config();
        return new ConnectionConfig(null, c.driver(), c.region(), null, c.credential(), c.properties());
    }

    /** Asks the connection for its quotas. Never throws. */
    static Reading read(Cloud cloud) {
        try {
            if (!cloud.capabilities().supports(Capability.ANY_CALL)
                    || !cloud.capabilities().anyCallFunctions().contains(FUNCTION)) {
                return new Unknown(ReviewSeverity.INFO, "quota not checked: driver '" + cloud.config().driver()
                        + "' cannot tell its quotas");
            }
            Map<String, String> answer = cloud.anyCall(FUNCTION, Map.of());
            try {
                return new Known(number(answer, "vcpusUsed"), number(answer, "vcpusMax"), number(answer, "vmsUsed"),
                        number(answer, "vmsMax"));
            } catch (IllegalArgumentException e) {
                return new Unknown(ReviewSeverity.WARNING, "quota not checked: " + FUNCTION + " answered " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.debug("quota of {} could not be read", cloud.config().name(), e);
            return new Unknown(ReviewSeverity.ERROR, "could not check the quota: " + ReviewSubGroup.describe(e));
        }
    }

    /**
     * Judges the subgroups sharing one quota: one finding per subgroup, in the group's order, naming the numbers.
     *
     * @param spec the spec of a subgroup, or null when the catalog did not have it (its vCPUs are then not counted)
     */
    static List<ReviewFinding> judge(Reading reading, List<SubGroupRequest> group, Function<SubGroupRequest, Spec> spec) {
        String message;
        ReviewSeverity severity;
        switch (reading) {
            case Unknown u -> {
                severity = u.severity();
                message = u.message();
            }
            case Known q -> {
                int vcpus = 0;
                int vms = 0;
                List<String> parts = new ArrayList<>();
                List<String> uncounted = new ArrayList<>();
                for (SubGroupRequest sg : group) {
                    vms += sg.size();
                    Spec s = spec.apply(sg);
                    if (s == null) {
                        uncounted.add(sg.name());
                    } else {
                        vcpus += s.vcpus() * sg.size();
                        parts.add(sg.name() + " " + sg.size() + "×" + s.vcpus());
                    }
                }
                boolean vcpusFit = q.vcpusUsed() + vcpus <= q.vcpusMax();
                boolean vmsFit = q.vmsUsed() + vms <= q.vmsMax();
                severity = vcpusFit && vmsFit ? ReviewSeverity.OK : ReviewSeverity.ERROR;
                message = (vcpusFit ? "" : "vCPU quota exceeded: ") + vcpus + " vCPUs asked " + parts
                        + (uncounted.isEmpty() ? "" : " (not counting " + uncounted + ": spec unknown)")
                        + ", " + q.vcpusUsed() + " in use of " + q.vcpusMax() + "; "
                        + (vmsFit ? "" : "VM quota exceeded: ") + vms + " VMs asked, " + q.vmsUsed() + " in use of "
                        + q.vmsMax();
            }
        }
        String shared = group.size() > 1 ? " (quota shared by " + group.stream().map(SubGroupRequest::name).toList() + ")" : "";
        ReviewSeverity finalSeverity = severity;
        String text = message + shared;
        boolean unanswered = reading instanceof Unknown u && u.severity() == ReviewSeverity.ERROR;
        return group.stream().map(sg -> unanswered ? ReviewFinding.unanswered(sg, ReviewCheck.QUOTA, text)
                : ReviewFinding.of(sg, ReviewCheck.QUOTA, finalSeverity, text)).toList();
    }

    private static int number(Map<String, String> answer, String key) {
        String value = answer == null ? null : answer.get(key);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + ", not a number", e);
        }
    }
}
