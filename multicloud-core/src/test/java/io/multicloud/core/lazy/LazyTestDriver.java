package io.multicloud.core.lazy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.spi.Driver;
import io.multicloud.spi.DriverConnection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** A driver for core's tests, shaped like a real one: a cheap entry, the SDK touched only on connect. */
public final class LazyTestDriver implements Driver {
    /** Set when the stand-in SDK class is initialised. */
    public static final AtomicBoolean SDK_LOADED = new AtomicBoolean();

    @Override
    public java.util.Set<String> credentialKeys() {
        return java.util.Set.of();
    }

    @Override
    public java.util.Set<String> propertyKeys() {
        return java.util.Set.of();
    }

    @Override
    public String name() {
        return "lazy-test";
    }

    @Override
    public Set<String> knownRegions() {
        return Set.of("north", "south");
    }

    @Override
    public DriverConnection connect(ConnectionConfig config) {
        return new LazyTestConnection(config);
    }
}
