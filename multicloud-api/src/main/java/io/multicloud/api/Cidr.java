package io.multicloud.api;

/**
 * An IPv4 CIDR block such as {@code 10.0.1.0/24}, with the checks a network plan needs.
 *
 * @param address the network address as a 32-bit number
 * @param prefix the prefix length, 0 to 32
 */
public record Cidr(long address, int prefix) {

    /** Parses a CIDR block; host bits must be zero ({@code 10.0.1.5/24} is refused). */
    public static Cidr parse(String text) {
        return parse("cidr", text);
    }

    static Cidr parse(String field, String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw invalid(field, text, "expected address/prefix, such as 10.0.0.0/16");
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(field, text, "the address needs four numbers");
        }
        long address = 0;
        for (String octet : octets) {
            int n = number(field, text, octet, 255);
            address = (address << 8) | n;
        }
        int prefix = number(field, text, parts[1], 32);
        long mask = mask(prefix);
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            throw invalid(field, text, "host bits are set; did you mean " + format(address & mask) + "/" + prefix + "?");
        }
        return new Cidr(address, prefix);
    }

    private static int number(String field, String text, String part, int max) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw invalid(field, text, "'" + part + "' is not a number 0-" + max);
        }
        int n = Integer.parseInt(part);
        if (n > max) {
            throw invalid(field, text, n + " is above " + max);
        }
        return n;
    }

    private static InvalidRequestException invalid(String field, String text, String why) {
        return new InvalidRequestException(field, "'" + text + "' is not a valid CIDR block: " + why);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    /** The first address of the block. */
    public long first() {
        return address;
    }

    /** The last address of the block. */
    public long last() {
        return address | (~mask(prefix) & 0xFFFFFFFFL);
    }

    /** Whether {@code other} lies wholly inside this block. */
    public boolean contains(Cidr other) {
        return other.first() >= first() && other.last() <= last();
    }

    /** Whether an address (dotted quad) lies in this block. */
    public boolean contains(String ipAddress) {
        Cidr host = parse("ip", ipAddress + "/32");
        return contains(host);
    }

    /** Whether the two blocks share any address. */
    public boolean overlaps(Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    /** The number of addresses in the block. */
    public long size() {
        return last() - first() + 1;
    }

    /** The n-th address of the block (0 is the network address), as a dotted quad. */
    public String addressAt(long n) {
        if (n < 0 || n >= size()) {
            throw new IllegalArgumentException("address index " + n + " outside " + this);
        }
        return format(address + n);
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefix;
    }
}
