package io.multicloud.core.cloud;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.UnsupportedCapabilityException;

/** What every collection of one connection needs to know to check calls and word errors. */
record CloudContext(String driver, String connection, Capabilities capabilities) {

    ErrorContext error(ResourceKind kind, String name) {
        return ErrorContext.of(connection, kind, name);
    }

    /** Fails at once, before the driver is called, when the driver lacks the capability. */
    void require(Capability capability) {
        if (!capabilities.supports(capability)) {
            throw new UnsupportedCapabilityException(ErrorContext.of(connection, null, null), driver, capability);
        }
    }
}
