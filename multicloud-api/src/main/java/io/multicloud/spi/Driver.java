package io.multicloud.spi;

import io.multicloud.api.ConnectionConfig;
import java.util.Set;

/**
 * The entry of a driver, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.multicloud.spi.Driver}. It must be cheap: its class must not
 * load any cloud SDK class, so that an application pays only for the clouds it connects to.
 */
public interface Driver {
    /** The name users connect with, such as {@code aws} or {@code mock}. Lower case. */
    String name();

    /**
     * The regions this driver knows without calling the cloud, used to reject an unknown
     * region before connecting. Empty when the driver cannot tell (OpenStack names are free).
     */
    default Set<String> knownRegions() {
        return Set.of();
    }

    /**
     * The credential keys this driver reads. A connection that gives another is refused before
     * the driver is called, naming the unknown key and these (a misspelt key never goes unnoticed).
     */
    Set<String> credentialKeys();

    /** The connection properties this driver reads; another is refused as for {@link #credentialKeys()}. */
    Set<String> propertyKeys();

    /** Opens a connection. SDK clients may be built here or lazily on first use. */
    DriverConnection connect(ConnectionConfig config);
}
