package io.multicloud.core.remote;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.InvalidRequestException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the built-in functions of a remote command may read about one VM of an MCI.
 *
 * @param mci the MCI's name
 * @param vm the VM's id within its MCI
 * @param index the VM's position (from 0) among the VMs of its MCI in natural order of their ids;
 *     {@code AssignTask} reads it, {@link #indexed(List)} computes it
 * @param publicIp the public IPv4 address, or null when the VM has none
 * @param privateIp the private address, or null when not known
 * @param location where the VM's region is, or null when not known
 */
public record CommandTarget(String mci, String vm, int index, String publicIp, String privateIp,
        GeoLocation location) {

    /** Orders VM ids so that the digits in them count as numbers: {@code g1-2} before {@code g1-10}. */
    public static final Comparator<String> NATURAL_ORDER = CommandTarget::compareNaturally;

    /** Checks the fields that every function relies on. */
    public CommandTarget {
        if (mci == null || mci.isBlank()) {
            throw new InvalidRequestException("mci", "is missing");
        }
        if (vm == null || vm.isBlank()) {
            throw new InvalidRequestException("vm", "is missing");
        }
        if (index < 0) {
            throw new InvalidRequestException("index", "must be 0 or more, not " + index);
        }
    }

    /**
     * The same VMs sorted in natural order of their ids, each with its {@code index} set to its
     * position in that order, so that the caller cannot get {@code AssignTask} wrong.
     *
     * @param vms the VMs of one MCI, in any order and with any index
     * @return a new immutable list
     */
    public static List<CommandTarget> indexed(List<CommandTarget> vms) {
        List<CommandTarget> sorted = new ArrayList<>(vms);
        sorted.sort(Comparator.comparing(CommandTarget::vm, NATURAL_ORDER));
        List<CommandTarget> result = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            CommandTarget t = sorted.get(i);
            result.add(new CommandTarget(t.mci, t.vm, i, t.publicIp, t.privateIp, t.location));
        }
        return List.copyOf(result);
    }

    /** A short name for messages: {@code mci.vm}. */
    String label() {
        return mci + "." + vm;
    }

    // Runs of digits compare as numbers (any length, leading zeros ignored), other runs as text;
    // full ties (g01 and g1) fall back to plain text order so the order stays total.
    private static int compareNaturally(String a, String b) {
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byNumber = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
