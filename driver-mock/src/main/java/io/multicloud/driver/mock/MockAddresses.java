package io.multicloud.driver.mock;

import io.multicloud.api.Cidr;

import java.util.BitSet;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IPv4 addresses: one account's pool of public IPs (the documentation blocks 203.0.113.0/24,
 * 198.51.100.0/24 and 192.0.2.0/24 first, then the shared address space 100.64.0.0/10, so no mock
 * address is ever routable on the internet and the pool outlasts any VM quota), and private IPs
 * inside a subnet. The pool is thread-safe on its own, because VMs of every region of the account
 * draw on it; a take starts after the last one, so making many VMs is not quadratic.
 */
final class MockAddresses {
    private static final Cidr[] PUBLIC_BLOCKS = {Cidr.parse("203.0.113.0/24"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("100.64.0.0/10")};
    /** Like AWS, the first four and the last address of a subnet are the cloud's. */
    private static final int RESERVED_LOW = 4;

    private final Set<String> usedPublic = ConcurrentHashMap.newKeySet();

    private final AtomicLong cursor = new AtomicLong();

    /** A free public IP (the pool in order, from after the last one taken), taken at once; empty when the pool is exhausted. */
    Optional<String> takePublicIp() {
        long size = publicPoolSize();
        long start = cursor.get();
        for (long n = 0; n < size; n++) {
            long i = (start + n) % size;
            String ip = addressAt(i);
            if (usedPublic.add(ip)) {
                cursor.set(i + 1);
                return Optional.of(ip);
            }
        }
        return Optional.empty();
    }

    /** The i-th address of the pool (each block without its first and last address). */
    private static String addressAt(long i) {
        for (Cidr block : PUBLIC_BLOCKS) {
            long usable = block.size() - 2;
            if (i < usable) {
                return block.addressAt(i + 1);
            }
            i -= usable;
        }
        throw new IllegalArgumentException("beyond the pool: " + i);
    }

    /** Forgets every taken address (before marking those of reloaded state). */
    void clear() {
        usedPublic.clear();
        cursor.set(0);
    }

    /** Marks an address as taken (when loading stored state). */
    void markPublicIp(String ip) {
        usedPublic.add(ip);
    }

    void releasePublicIp(String ip) {
        usedPublic.remove(ip);
        long i = indexOf(ip);
        if (i >= 0) {
            cursor.accumulateAndGet(i, Math::min); // the lowest free address is taken next
        }
    }

    /** The address's place in the pool, or -1 when it is not a pool address. */
    private static long indexOf(String ip) {
        long offset = 0;
        for (Cidr block : PUBLIC_BLOCKS) {
            if (block.contains(ip)) {
                return offset + Cidr.parse(ip + "/32").first() - block.first() - 1;
            }
            offset += block.size() - 2;
        }
        return -1;
    }

    /** The number of public IPs the pool holds. */
    static long publicPoolSize() {
        long n = 0;
        for (Cidr block : PUBLIC_BLOCKS) {
            n += block.size() - 2;
        }
        return n;
    }

    /**
     * The lowest private IP of the subnet not in {@code used}; empty when the subnet is full. The
     * used addresses become bits, so that a subnet of many VMs costs one pass, not one formatted
     * address per VM tried.
     */
    static Optional<String> freePrivateIp(String subnetCidr, Collection<String> used) {
        Cidr cidr = Cidr.parse(subnetCidr);
        long hosts = cidr.size() - 1;
        BitSet taken = new BitSet();
        for (String ip : used) {
            long offset = ipNumber(ip) - cidr.first();
            if (offset >= 0 && offset < hosts) {
                taken.set((int) offset);
            }
        }
        int free = taken.nextClearBit(RESERVED_LOW);
        return free < hosts ? Optional.of(cidr.addressAt(free)) : Optional.empty();
    }

    /** A dotted quad the mock handed out, as a number (-1 for anything else). */
    private static long ipNumber(String ip) {
        long number = 0;
        int octet = 0;
        int dots = 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c == '.') {
                number = (number << 8) | octet;
                octet = 0;
                dots++;
            } else if (c >= '0' && c <= '9' && octet < 256) {
                octet = octet * 10 + (c - '0');
            } else {
                return -1;
            }
        }
        return dots == 3 && octet < 256 ? (number << 8) | octet : -1;
    }
}
