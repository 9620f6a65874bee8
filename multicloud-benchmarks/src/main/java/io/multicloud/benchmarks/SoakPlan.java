package io.multicloud.benchmarks;

import io.multicloud.core.mci.PartialFailure;
import io.multicloud.driver.mock.FaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One soak round, drawn from the seeded random source: a failure policy and 2-3 connections,
 * each with a subgroup of 1-4 VMs and maybe faults.
 *
 * @param round the round's number, from 1
 * @param policy the MCI's failure policy
 * @param connections one plan per connection (and subgroup)
 */
record SoakPlan(int round, PartialFailure policy, List<Connection> connections) {

    /** The fault kinds injected on {@code vm.create}. */
    static final List<FaultKind> KINDS = List.of(FaultKind.THROTTLED, FaultKind.TRANSIENT, FaultKind.QUOTA);
    private static final double[] FRACTIONS = {0.25, 0.5, 1.0};

    /**
     * One connection's part of a round.
     *
     * @param size its subgroup's VMs
     * @param faultKind the kind of {@code vm.create} fault, or null for none
     * @param faultFraction the fraction of {@code vm.create} calls that fail
     * @param faultSeed the mock's seed for which calls fail
     * @param failAfterAccept how many VMs the mock accepts and then lets end FAILED
     */
    record Connection(int size, FaultKind faultKind, double faultFraction, long faultSeed, int failAfterAccept) {

        /** The plan in a few words. */
        String describe() {
            return size + " VM(s)" + (faultKind == null ? "" : ", " + faultKind + " on " + (int) (faultFraction * 100)
                    + "% of vm.create") + (failAfterAccept == 0 ? "" : ", " + failAfterAccept + " failing after accept");
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
            connections.add(new Connection(size, kind, fraction, seed, afterAccept));
        }
        return new SoakPlan(round, policy, connections);
    }

    /** The round in a line. */
    String describe() {
        StringBuilder text = new StringBuilder("round " + round + " " + policy + ":");
        for (int i = 0; i < connections.size(); i++) {
            text.append(i == 0 ? " " : "; ").append('[').append(i).append("] ").append(connections.get(i).describe());
        }
        return text.toString();
    }
}
