package io.multicloud.benchmarks;

import io.multicloud.api.Cloud;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.Mci;
import io.multicloud.core.mci.MciBuilder;
import io.multicloud.core.mci.MciCreationException;
import io.multicloud.core.mci.MciReport;
import io.multicloud.core.mci.MciVm;
import io.multicloud.core.mci.PartialFailure;
import io.multicloud.core.mci.VmOutcome;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.MockDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one soak round on its own mock cloud: sets the faults, creates the MCI, checks that
 * everything on the connections is accounted for by it and that the policy was kept, suspends and
 * resumes it (with lost answers), maybe finds it again from a second {@code MultiCloud} of the same
 * owner and carries on there, maybe races a scale-out and a scale-in with the delete, deletes it,
 * and checks that nothing is left.
 */
final class SoakRound {
    /** The mock's transition time: small, so that hundreds of rounds take seconds. */
    static final Duration TRANSITION = Duration.ofMillis(5);

    /**
     * What a round found.
     *
     * @param plan the round
     * @param vmsFailed VMs whose creation failed (at the API or after the cloud accepted them)
     * @param orphans resources that existed after create that the MCI does not account for (its own tagged VMs aside)
     * @param duplicates VMs tagged as the MCI's that are not its members (made twice, or lost track of)
     * @param violations ways in which the result broke its failure policy, or an action or a reattach went wrong
     * @param leaked resources left after the MCI was deleted (or after a creation that made none)
     * @param errors exceptions thrown where a report was due
     * @param events the MCI's progress events, told for a faulty round
     */
    record Result(SoakPlan plan, int vmsFailed, List<String> orphans, List<String> duplicates, List<String> violations,
                  List<String> leaked, List<String> errors, List<String> events) {
        boolean clean() {
            return orphans.isEmpty() && duplicates.isEmpty() && violations.isEmpty() && leaked.isEmpty() && errors.isEmpty();
        }
    }

    private SoakRound() {
    }

    /** Runs the round. */
    static Result run(SoakPlan plan) {
        Path keys = tempDir();
        try {
            return run(plan, keys);
        } finally {
            deleteTree(keys);
        }
    }

    private static Result run(SoakPlan plan, Path keys) {
        List<String> orphans = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        int failed = 0;
        MockDriver mock = new MockDriver();
        String name = "soak-" + plan.round();
        try (MultiCloud mc = instance(mock, keys)) {
            List<Cloud> clouds = open(mc, plan);
            MciBuilder builder = mc.mci(name).onPartialFailure(plan.policy()).listener(e -> events.add(e.toString()));
            for (int i = 0; i < clouds.size(); i++) {
                SoakPlan.Connection part = plan.connections().get(i);
                inject(clouds.get(i).unwrap(MockControl.class), part);
                builder.subGroup("g" + i, clouds.get(i), "m1.small", "ubuntu-22.04", part.size());
            }
            Mci mci = null;
            MciReport creation = null;
            try {
                mci = builder.create();
                creation = mci.creation();
            } catch (MciCreationException e) {
                creation = e.report();
            } catch (RuntimeException e) {
                errors.add("create threw " + e);
            }
            if (creation != null) {
                failed = (int) creation.vms().stream().filter(o -> o.reason() != null).count();
            }
            if (mci != null) {
                check(clouds, mci, orphans, duplicates);
                violations.addAll(policyBreaks(plan.policy(), creation, mci));
                act(mci, violations);
                if (plan.reattach()) {
                    try (MultiCloud second = instance(mock, keys)) {
                        Mci again = reattach(second, open(second, plan), mci, violations);
                        if (again != null) {
                            finish(plan, again, errors);
                        }
                    }
                } else {
                    finish(plan, mci, errors);
                }
            }
            leaked.addAll(Inventory.all(clouds));
        } catch (RuntimeException e) {
            errors.add("round threw " + e);
        }
        return new Result(plan, failed, orphans, duplicates, violations, leaked, errors, List.copyOf(events));
    }

    /** One instance of the round's owner on the round's mock cloud (two instances share it). */
    private static MultiCloud instance(MockDriver mock, Path keys) {
        return MultiCloud.builder().environment(Map.of()).driver(mock).owner("soak").sshStore(keys)
                .mciVmTimeout(Duration.ofSeconds(30)).build();
    }

    private static List<Cloud> open(MultiCloud mc, SoakPlan plan) {
        return MockFleet.open(mc, "r" + plan.round() + "c", plan.connections().size(),
                Map.of(MockDriver.TRANSITION_MS, Long.toString(TRANSITION.toMillis())));
    }

    private static void inject(MockControl control, SoakPlan.Connection part) {
        if (part.faultKind() != null) {
            control.failFraction("vm.create", part.faultFraction(), part.faultSeed(), part.faultKind());
        }
        if (part.failAfterAccept() > 0) {
            control.failVmsAfterAccept(part.failAfterAccept());
        }
        if (part.lostAnswers() > 0) {
            for (String operation : List.of("vm.delete", "vm.suspend", "vm.resume")) {
                control.failFraction(operation, part.lostAnswers(), part.faultSeed() ^ operation.hashCode(), FaultKind.LOST);
            }
        }
    }

    /** Suspends and resumes the MCI: with lost answers too, every running VM must get there. */
    private static void act(Mci mci, List<String> violations) {
        for (MciReport report : List.of(mci.suspend(), mci.resume())) {
            report.failed().forEach(o -> violations.add(report.operation() + " failed for " + o.vm() + ": " + o.reason()));
        }
    }

    /** Finds the MCI from a second instance: the same members, each as the cloud shows it. */
    private static Mci reattach(MultiCloud second, List<Cloud> clouds, Mci original, List<String> violations) {
        try {
            Mci again = second.mcis().on(clouds).get(original.name());
            Set<String> before = original.vms().stream().map(MciVm::name).collect(Collectors.toSet());
            Set<String> after = again.vms().stream().map(MciVm::name).collect(Collectors.toSet());
            if (!before.equals(after)) {
                violations.add("reattached MCI has " + after + ", the original " + before);
            }
            if (!again.id().equals(original.id())) {
                violations.add("reattached MCI is creation " + again.id() + ", the original " + original.id());
            }
            return again;
        } catch (NotFoundException e) {
            violations.add("reattach found nothing: " + e.getMessage());
            return null;
        }
    }

    /** Deletes the MCI, racing a scale-out and a scale-in with it when the plan says so. */
    private static void finish(SoakPlan plan, Mci mci, List<String> errors) {
        if (plan.race() && !mci.vms().isEmpty()) {
            String group = mci.vms().getFirst().subGroup();
            CompletableFuture<?> out = CompletableFuture.runAsync(() -> quietly(() -> mci.scaleOut(group, 1)));
            CompletableFuture<?> in = CompletableFuture.runAsync(() -> quietly(() -> mci.scaleIn(group, 1)));
            MciReport deletion = mci.delete();
            CompletableFuture.allOf(out, in).join();
            if (!deletion.ok() || !mci.deleted()) {
                deletion = mci.delete();
            }
            deletion.failed().forEach(o -> errors.add("delete failed for " + o.vm() + ": " + o.reason()));
            return;
        }
        MciReport deletion = mci.delete();
        deletion.failed().forEach(o -> errors.add("delete failed for " + o.vm() + ": " + o.reason()));
    }

    /** Runs a scale request that may meet a deleted MCI, or a subgroup scaled in already: those are expected refusals. */
    private static void quietly(Runnable scale) {
        try {
            scale.run();
        } catch (NotFoundException | io.multicloud.api.InvalidRequestException e) {
            // the delete came first, or the subgroup had no VM left to remove
        }
    }

    /** After create: what the MCI does not account for, and VMs tagged as its own that are not members. */
    private static void check(List<Cloud> clouds, Mci mci, List<String> orphans, List<String> duplicates) {
        Map<String, Set<String>> members = mci.vms().stream()
                .collect(Collectors.groupingBy(MciVm::connection, Collectors.mapping(MciVm::name, Collectors.toSet())));
        for (Cloud cloud : clouds) {
            Inventory inventory = Inventory.of(cloud);
            Set<String> here = members.getOrDefault(cloud.config().name(), Set.of());
            for (Vm vm : inventory.vms()) {
                if (here.contains(vm.name()) || vm.status() == VmStatus.TERMINATING) {
                    continue;
                }
                String line = cloud.config().name() + " vm " + vm.name() + " (" + vm.status() + ")";
                (mci.name().equals(vm.tags().get("multicloud:mci")) ? duplicates : orphans).add(line);
            }
            orphans.addAll(inventory.unaccounted(Set.copyOf(inventory.vms().stream().map(Vm::name).toList())));
        }
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
        mci.vms().stream().filter(v -> v.status() != VmStatus.RUNNING)
                .filter(v -> !(policy == PartialFailure.CONTINUE && v.status() == VmStatus.FAILED && creation.vms().stream()
                        .anyMatch(o -> o.vm().equals(v.name()) && o.result() == VmOutcome.Result.FAILED)))
                .forEach(v -> breaks.add(policy + " kept " + v.name() + " in status " + v.status()));
        creation.vms().stream().filter(o -> o.result() == VmOutcome.Result.OK && mci.vms().stream()
                        .noneMatch(v -> v.name().equals(o.vm())) && policy != PartialFailure.ROLLBACK)
                .forEach(o -> breaks.add(policy + " reported " + o.vm() + " OK but it is not a member"));
        return breaks;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("multicloud-soak-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: nothing more to do
        }
    }
}
