package io.multicloud.driver.mock;

import io.multicloud.api.Cidr;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IPv4 addresses: one account's pool of public IPs (the documentation blocks 203.0.113.0/24
 * and 198.51.100.0/24, so no mock address is ever routable), and private IPs inside a subnet.
 * The pool is thread-safe on its own, because VMs of every region of the account draw on it.
 */
final class MockAddresses {
    private static final Cidr[] PUBLIC_BLOCKS = {Cidr.parse("203.0.113.0/24"), Cidr.parse("198.51.100.0/24")};
    /** Like AWS, the first four and the last address of a subnet are the cloud's. */
    private static final int RESERVED_LOW = 4;

    private final Set<String> usedPublic = ConcurrentHashMap.newKeySet();

    /** The lowest free public IP, taken at once; empty when the pool is exhausted. */
    Optional<String> takePublicIp() {
        for (Cidr block : PUBLIC_BLOCKS) {
            for (long i = 1; i < block.size() - 1; i++) {
                String ip = block.addressAt(i);
                if (usedPublic.add(ip)) {
                    return Optional.of(ip);
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets every taken address (before marking those of reloaded state). */
    void clear() {
        usedPublic.clear();
    }

    /** Marks an address as taken (when loading stored state). */
    void markPublicIp(String ip) {
        usedPublic.add(ip);
    }

    void releasePublicIp(String ip) {
        usedPublic.remove(ip);
    }

    /** The number of public IPs the pool holds. */
    static long publicPoolSize() {
        long n = 0;
        for (Cidr block : PUBLIC_BLOCKS) {
            n += block.size() - 2;
        }
        return n;
    }

    /** The lowest private IP of the subnet not in {@code used}; empty when the subnet is full. */
    static Optional<String> freePrivateIp(String subnetCidr, Set<String> used) {
        Cidr cidr = Cidr.parse(subnetCidr);
        for (long i = RESERVED_LOW; i < cidr.size() - 1; i++) {
            String ip = cidr.addressAt(i);
            if (!used.contains(ip)) {
                return Optional.of(ip);
            }
        }
        return Optional.empty();
    }
}
