package io.multicloud.api;

/** The driver does not offer this capability; raised at once, never a silent no-op. */
public class UnsupportedCapabilityException extends CloudException {
    private final String driver;
    private final Capability capability;

    public UnsupportedCapabilityException(ErrorContext context, String driver, Capability capability) {
        super(context, "driver '" + driver + "' does not support " + capability);
        this.driver = driver;
        this.capability = capability;
    }

    /** The driver's name. */
    public String driver() {
        return driver;
    }

    /** The missing capability. */
    public Capability capability() {
        return capability;
    }
}
