package io.multicloud.driver.gcp.fake;

import java.util.Optional;

/** IPv4 blocks for the fake's address checks. */
final class Cidrs {
    private Cidrs() {
    }

    record Range(long base, int prefix) {
        boolean overlaps(Range other) {
            int p = Math.min(prefix, other.prefix);
            long mask = p == 0 ? 0 : (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL;
            return (base & mask) == (other.base & mask);
        }

        /** Whether every address of the other block lies in this one. */
        boolean covers(Range other) {
            return prefix <= other.prefix && overlaps(other);
        }

        String host(long n) {
            return text(base + n);
        }

        @Override
        public String toString() {
            return text(base) + "/" + prefix;
        }
    }

    /** A subnetwork's block: a prefix of 8 to 29 bits. */
    static Optional<Range> parse(String cidr) {
        return parseAny(cidr).filter(r -> r.prefix() >= 8 && r.prefix() <= 29);
    }

    /** Any IPv4 block, {@code 0.0.0.0/0} included (a firewall rule's source ranges). */
    static Optional<Range> parseAny(String cidr) {
        try {
            String[] parts = cidr.split("/");
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                return Optional.empty();
            }
            long v = 0;
            for (String o : octets) {
                int b = Integer.parseInt(o);
                if (b < 0 || b > 255) {
                    return Optional.empty();
                }
                v = (v << 8) | b;
            }
            int prefix = parts.length == 1 ? 32 : Integer.parseInt(parts[1]);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return prefix < 0 || prefix > 32 ? Optional.empty() : Optional.of(new Range(v & mask, prefix));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String text(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
