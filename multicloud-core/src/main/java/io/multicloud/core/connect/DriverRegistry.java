package io.multicloud.core.connect;

import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.spi.Driver;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The drivers found on the class path with {@link ServiceLoader}. Driver entry classes are
 * cheap by contract (no SDK class is loaded until a connection opens), so all are instantiated.
 */
public final class DriverRegistry {
    private final Map<String, Driver> drivers;

    private DriverRegistry(Map<String, Driver> drivers) {
        this.drivers = drivers;
    }

    /** Finds the drivers visible to a class loader. */
    public static DriverRegistry load(ClassLoader classLoader) {
        Map<String, Driver> found = new TreeMap<>();
        for (Driver driver : ServiceLoader.load(Driver.class, classLoader)) {
            Driver earlier = found.putIfAbsent(driver.name(), driver);
            if (earlier != null && earlier.getClass() != driver.getClass()) {
                throw new IllegalStateException("two drivers are named '" + driver.name() + "': "
                        + earlier.getClass().getName() + " and " + driver.getClass().getName());
            }
        }
        return new DriverRegistry(found);
    }

    /** This registry with {@code driver} in place of the one of its name (or beside them, for a new name). */
    public DriverRegistry with(Driver driver) {
        Map<String, Driver> more = new TreeMap<>(drivers);
        more.put(driver.name(), driver);
        return new DriverRegistry(more);
    }

    /** The names of the drivers found. */
    public Set<String> names() {
        return new TreeSet<>(drivers.keySet());
    }

    /** The driver of that name; an unknown name fails with the list of drivers found. */
    public Driver get(String connection, String name) {
        Driver driver = drivers.get(name);
        if (driver == null) {
            throw new InvalidRequestException(ErrorContext.of(connection, null, null), "driver", "unknown driver '" + name + "'; drivers found: "
                    + (drivers.isEmpty() ? "none (add a driver module such as driver-mock to the class path)" : names()));
        }
        return driver;
    }
}
