package io.multicloud.driver.openstack;

/**
 * Whether an IPv4 address is publicly routable by itself: not private (RFC 1918), shared
 * (100.64.0.0/10, carrier-grade NAT), loopback, link-local, "this network" or multicast and
 * reserved. A fixed address outside those, on a provider network, is a VM's public IP even
 * where the cloud has no floating IPs. (The documentation blocks count as public: they stand for
 * public addresses in examples and tests.)
 */
final class PublicAddresses {
    private PublicAddresses() {
    }

    /** Whether the text is a dotted IPv4 address. */
    static boolean isIpv4(String address) {
        return octets(address) != null;
    }

    /** Whether an IPv4 address is publicly routable; false for anything that is not IPv4. */
    static boolean routable(String address) {
        int[] o = octets(address);
        if (o == null) {
            return false;
        }
        return !(o[0] == 0 || o[0] == 10 || o[0] == 127 || o[0] >= 224
                || o[0] == 100 && o[1] >= 64 && o[1] <= 127
                || o[0] == 169 && o[1] == 254
                || o[0] == 172 && o[1] >= 16 && o[1] <= 31
                || o[0] == 192 && o[1] == 168);
    }

    private static int[] octets(String address) {
        if (address == null) {
            return null;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(parts[i]);
            if (out[i] > 255) {
                return null;
            }
        }
        return out;
    }
}
