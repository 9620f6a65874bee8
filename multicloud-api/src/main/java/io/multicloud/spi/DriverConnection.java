package io.multicloud.spi;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Capability;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.Image;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.UnsupportedCapabilityException;
import java.util.Optional;

/**
 * A driver's open connection to one region: it holds the SDK clients and hands out one
 * service per resource kind. A service getter is called only when {@link #capabilities()}
 * declares the capability; the defaults throw for those a driver leaves out.
 */
public interface DriverConnection extends AutoCloseable {
    /** What this connection offers. */
    Capabilities capabilities();

    default CatalogService<Region> regions() {
        throw unsupported(Capability.REGIONS);
    }

    default CatalogService<Image> images() {
        throw unsupported(Capability.IMAGES);
    }

    default CatalogService<Spec> specs() {
        throw unsupported(Capability.SPECS);
    }

    default CatalogService<Price> prices() {
        throw unsupported(Capability.PRICES);
    }

    default VpcService vpcs() {
        throw unsupported(Capability.VPCS);
    }

    default SecurityGroupService securityGroups() {
        throw unsupported(Capability.SECURITY_GROUPS);
    }

    default KeyPairService keyPairs() {
        throw unsupported(Capability.KEY_PAIRS);
    }

    default VmService vms() {
        throw unsupported(Capability.VMS);
    }

    default DiskService disks() {
        throw unsupported(Capability.DISKS);
    }

    default MyImageService myImages() {
        throw unsupported(Capability.MY_IMAGES);
    }

    default NlbService nlbs() {
        throw unsupported(Capability.NLBS);
    }

    default ClusterService clusters() {
        throw unsupported(Capability.CLUSTERS);
    }

    default TagService tags() {
        throw unsupported(Capability.TAGS);
    }

    default AnyCallService anyCall() {
        throw unsupported(Capability.ANY_CALL);
    }

    /** The driver's native object of this type (an SDK client, a control panel), if it has one. */
    default <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    /** Closes the SDK clients. */
    @Override
    void close();

    private UnsupportedCapabilityException unsupported(Capability capability) {
        return new UnsupportedCapabilityException(ErrorContext.NONE, getClass().getSimpleName(), capability);
    }
}
