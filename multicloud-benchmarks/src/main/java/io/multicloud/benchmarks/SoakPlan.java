package io.multicloud.benchmarks;

import io.multicloud.core.mci.PartialFailure;
import io.multicloud.driver.mock.FaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One soak round, drawn from the seeded random source: a failure policy and 2-3 connections,
 * each with a subgroup of 1-4 VMs and maybe faults (on {@code vm.create}; lost answers on create,
 * delete and the actions); then what the round does with the MCI: reattach it from a second
 * {@code MultiCloud}, and race a scale-out, a scale-in and the delete.
 *
 * @param round the round's number, from 1
 * @param policy the MCI's failure policy
 * @param connections one plan per connection (and subgroup)
 * @param reattach whether a second {@code MultiCloud} finds the MCI again and carries on with it
 * @param race whether scale-out, scale-in and delete are started at once on the MCI
 */
record SoakPlan(int round, PartialFailure policy, List<Connection> connections, boolean reattach, boolean race) {

    /** The fault kinds injected on {@code vm.create}. */
    static final List<FaultKind> KINDS = List.of(FaultKind.THROTTLED, FaultKind.TRANSIENT, FaultKind.QUOTA, FaultKind.LOST);
    private static final double[] FRACTIONS = {0.25, 0.5, 1.0};

    /**
     * One connection's part of a round.
     *
     * @param size its subgroup's VMs
     * @param faultKind the kind of {@code vm.create} fault, or null for none
     * @param faultFraction the fraction of {@code vm.create} calls that fail
     * @param faultSeed the mock's seed for which calls fail
     * @param failAfterAccept how many VMs the mock accepts and then lets end FAILED
     * @param lostAnswers the fraction of {@code vm.delete}, {@code vm.suspend} and {@code vm.resume} answers lost (the call took effect)
     */
    record Connection(int size, FaultKind faultKind, double faultFraction, long faultSeed, int failAfterAccept,
                      double lostAnswers) {

        /** The plan in a few words. */
        String describe() {
            return size + " VM(s)" + (faultKind == null ? "" : ", " + faultKind + " on " + (int) (faultFraction * 100)
                    + "% of vm.create") + (failAfterAccept == 0 ? "" : ", " + failAfterAccept + " failing after accept")
                    + (lostAnswers == 0 ? "" : ", " + (int) (lostAnswers * 100) + "% of delete/suspend/resume answers lost");
        }
    }

    SoakPlan {
        connections = List.copyOf(connections);
    }

    /** Draws the next round from the random source (the same seed gives the same rounds). */
    static SoakPlan draw(int round, Random random) {
        PartialFailure policy = PartialFailure.values()[random.nextInt(PartialFailure.values().length)];
        int count = 2 + random.nextInt(2);
        List<Connection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = 1 + random.nextInt(4);
            FaultKind kind = null;
            double fraction = 0;
            long seed = random.nextLong();
            if (random.nextInt(2) == 0) {
                kind = KINDS.get(random.nextInt(KINDS.size()));
                fraction = FRACTIONS[random.nextInt(FRACTIONS.length)];
            }
            int afterAccept = random.nextInt(3) == 0 ? 1 + random.nextInt(size) : 0;
            double lost = random.nextInt(3) == 0 ? 0.3 : 0;
            connections.add(new Connection(size, kind, fraction, seed, afterAccept, lost));
        }
        return new SoakPlan(round, policy, connections, random.nextInt(2) == 0, random.nextInt(3) == 0);
    }

    /** The round in a line. */
    String describe() {
        StringBuilder text = new StringBuilder("round " + round + " " + policy + (reattach ? ", reattached" : "")
                + (race ? ", racing scale and delete" : "") + ":");
        for (int i = 0; i < connections.size(); i++) {
            text.append(i == 0 ? " " : "; ").append('[').append(i).append("] ").append(connections.get(i).describe());
        }
        return text.toString();
    }
}
