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

        String host(long n) {
            return text(base + n);
        }

        @Override
        public String toString() {
            return text(base) + "/" + prefix;
        }
    }

    static Optional<Range> parse(String cidr) {
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
            int prefix = Integer.parseInt(parts[1]);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return prefix < 8 || prefix > 29 ? Optional.empty() : Optional.of(new Range(v & mask, prefix));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String text(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
