package io.multicloud.api;

/**
 * An inclusive range of ports, 1 to 65535.
 *
 * @param from the first port
 * @param to the last port
 */
public record PortRange(int from, int to) {
    /** Every port. */
    public static final PortRange ALL = new PortRange(1, 65535);

    public PortRange {
        Validate.port("port range start", from);
        Validate.port("port range end", to);
        if (from > to) {
            throw new InvalidRequestException("port range", from + "-" + to + " starts after it ends");
        }
    }

    /** A single port. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /** A range of ports. */
    public static PortRange of(int from, int to) {
        return new PortRange(from, to);
    }

    /** Parses {@code 22}, {@code 8000-8080} or {@code all}. */
    public static PortRange parse(String text) {
        String t = Validate.notBlank("port range", text).trim();
        if (t.equalsIgnoreCase("all") || t.equals("*")) {
            return ALL;
        }
        try {
            int dash = t.indexOf('-');
            return dash < 0 ? of(Integer.parseInt(t))
                    : of(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("port range", "'" + text + "' is not a port or a range like 8000-8080");
        }
    }

    @Override
    public String toString() {
        return this.equals(ALL) ? "all" : from == to ? Integer.toString(from) : from + "-" + to;
    }
}
