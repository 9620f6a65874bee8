package io.multicloud.benchmarks;

import io.multicloud.api.Cloud;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciBuilder;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.MciVm;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.MockDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one soak round on its own {@link MultiCloud} and mock accounts: sets the faults, creates
 * the MCI, checks that everything on the connections is accounted for by it and that the policy
 * was kept, deletes it and checks that nothing is left.
 */
final class SoakRound {
    /** The mock's transition time: small, so that hundreds of rounds take seconds. */
    static final Duration TRANSITION = Duration.ofMillis(5);

    /**
     * What a round found.
     *
     * @param plan the round
     * @param vmsFailed VMs whose creation failed (at the API or after the cloud accepted them)
     * @param orphans resources that existed after create and that the MCI does not account for
     * @param violations ways in which the result broke its failure policy
     * @param leaked resources left after the MCI was deleted
     * @param leakedWhereNoVm those of the leaked ones on connections where the MCI had no VM after create
     * @param errors exceptions thrown by create or delete, which should report instead
     */
    record Result(SoakPlan plan, int vmsFailed, List<String> orphans, List<String> violations, List<String> leaked,
                  int leakedWhereNoVm, List<String> errors) {
        boolean clean() {
            return orphans.isEmpty() && violations.isEmpty() && leaked.isEmpty() && errors.isEmpty();
        }
    }

    private SoakRound() {
    }

    /** Runs the round. */
    static Result run(SoakPlan plan) {
        List<String> orphans = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int failed = 0;
        Set<String> withVms = Set.of();
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofSeconds(30)).build()) {
            List<Cloud> clouds = MockFleet.open(mc, "r" + plan.round() + "c", plan.connections().size(),
                    Map.of(MockDriver.TRANSITION_MS, Long.toString(TRANSITION.toMillis())));
            MciBuilder builder = mc.mci("soak-" + plan.round()).onPartialFailure(plan.policy());
            for (int i = 0; i < clouds.size(); i++) {
                SoakPlan.Connection part = plan.connections().get(i);
                inject(clouds.get(i).unwrap(MockControl.class), part);
                builder.subGroup("g" + i, clouds.get(i), "m1.small", "ubuntu-22.04", part.size());
            }
            Mci mci = null;
            try {
                mci = builder.create();
            } catch (RuntimeException e) {
                errors.add("create threw " + e);
            }
            if (mci != null) {
                MciReport creation = mci.creation();
                failed = (int) creation.vms().stream().filter(o -> o.reason() != null).count();
                withVms = mci.vms().stream().map(MciVm::connection).collect(Collectors.toSet());
                orphans.addAll(unaccounted(clouds, mci));
                violations.addAll(policyBreaks(plan.policy(), creation, mci));
                try {
                    MciReport deletion = mci.delete();
                    deletion.failed().forEach(o -> errors.add("delete failed for " + o.vm() + ": " + o.reason()));
                } catch (RuntimeException e) {
                    errors.add("delete threw " + e);
                }
            }
            clouds.forEach(cloud -> leaked.addAll(Inventory.of(cloud).all()));
        }
        Set<String> members = withVms;
        int whereNoVm = (int) leaked.stream().filter(line -> !members.contains(line.substring(0, line.indexOf(' ')))).count();
        return new Result(plan, failed, orphans, violations, leaked, whereNoVm, errors);
    }

    private static void inject(MockControl control, SoakPlan.Connection part) {
        if (part.faultKind() != null) {
            control.failFraction("vm.create", part.faultFraction(), part.faultSeed(), part.faultKind());
        }
        if (part.failAfterAccept() > 0) {
            control.failVmsAfterAccept(part.failAfterAccept());
        }
    }

    /** Resources on the connections that the MCI does not account for. */
    private static List<String> unaccounted(List<Cloud> clouds, Mci mci) {
        Map<String, Set<String>> members = mci.vms().stream()
                .collect(Collectors.groupingBy(MciVm::connection, Collectors.mapping(MciVm::name, Collectors.toSet())));
        List<String> lines = new ArrayList<>();
        for (Cloud cloud : clouds) {
            lines.addAll(Inventory.of(cloud).unaccounted(members.getOrDefault(cloud.config().name(), Set.of())));
        }
        return lines;
    }

    /**
     * How the result breaks its policy: ROLLBACK keeps nothing once a VM failed; REFINE keeps only
     * running VMs; CONTINUE keeps what worked, and VMs that failed after acceptance only as FAILED
     * members it reported.
     */
    private static List<String> policyBreaks(PartialFailure policy, MciReport creation, Mci mci) {
        boolean anyFailed = creation.vms().stream().anyMatch(o -> o.reason() != null);
        List<String> breaks = new ArrayList<>();
        if (policy == PartialFailure.ROLLBACK && anyFailed && !mci.vms().isEmpty()) {
            breaks.add("ROLLBACK kept " + mci.vms().size() + " VM(s) after a failure");
        }
        // CONTINUE keeps a VM that failed after the cloud accepted it, as a FAILED member it reported.
        mci.vms().stream().filter(v -> v.status() != VmStatus.RUNNING)
                .filter(v -> !(policy == PartialFailure.CONTINUE && v.status() == VmStatus.FAILED && creation.vms().stream()
                        .anyMatch(o -> o.vm().equals(v.name()) && o.result() == VmOutcome.Result.FAILED)))
                .forEach(v -> breaks.add(policy + " kept " + v.name() + " in status " + v.status()));
        creation.vms().stream().filter(o -> o.result() == VmOutcome.Result.OK && mci.vms().stream()
                        .noneMatch(v -> v.name().equals(o.vm())) && policy != PartialFailure.ROLLBACK)
                .forEach(o -> breaks.add(policy + " reported " + o.vm() + " OK but it is not a member"));
        return breaks;
    }
}
