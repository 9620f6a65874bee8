package io.multicloud.api;

import java.util.Map;

/**
 * A connection to one cloud region: every resource kind as a collection. Obtain one from
 * {@code MultiCloud.connect(...)}; close it when done (it closes the SDK clients).
 * Calls for a capability the driver does not declare fail at once with
 * {@link UnsupportedCapabilityException}.
 */
public interface Cloud extends AutoCloseable {
    /** The configuration this connection was made from (credential values hidden in its text form). */
    ConnectionConfig config();

    /** What the driver offers. */
    Capabilities capabilities();

    Catalog<Region> regions();

    Catalog<Image> images();

    Catalog<Spec> specs();

    Catalog<Price> prices();

    Vpcs vpcs();

    SecurityGroups securityGroups();

    KeyPairs keyPairs();

    Vms vms();

    Disks disks();

    MyImages myImages();

    Nlbs nlbs();

    Clusters clusters();

    Tags tags();

    /**
     * Calls a cloud-specific function the abstraction leaves out (CB-Spider's AnyCall).
     * The driver documents its functions; {@link Capabilities#anyCallFunctions()} lists them.
     */
    Map<String, String> anyCall(String function, Map<String, String> params);

    /**
     * The driver's native object of this type (such as an SDK client, or the mock's control
     * panel); throws {@link IllegalArgumentException} when the driver has none of that type.
     */
    <T> T unwrap(Class<T> type);

    /** Whether the connection is still open (not {@linkplain #close() closed}). */
    default boolean isOpen() {
        return true;
    }

    /** Closes the SDK clients; the connection cannot be used after. */
    @Override
    void close();
}
