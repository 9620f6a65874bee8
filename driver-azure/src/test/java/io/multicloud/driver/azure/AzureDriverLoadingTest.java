package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.MultiCloud;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The driver is found by ServiceLoader without loading any Azure SDK class, and refuses unknown regions without calling Azure. */
class AzureDriverLoadingTest {

    @Test
    void theDriverIsFoundAndUnknownRegionsAreRefusedWithoutCallingAzure() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            assertThat(mc.drivers()).contains("azure");
            assertThatThrownBy(() -> mc.connect("azure", "middle-earth"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("eastus");
        }
    }

    /** A class loader over the test class path that tells which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws Exception {
            String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                urls[i] = new File(entries[i]).toURI().toURL();
            }
            return urls;
        }
    }

    @Test
    void findingTheDriverLoadsNoSdkClass() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> driverType = loader.loadClass("io.multicloud.spi.Driver");
            List<String> names = new ArrayList<>();
            for (Object driver : ServiceLoader.load(driverType, loader)) {
                names.add((String) driverType.getMethod("name").invoke(driver));
                driverType.getMethod("knownRegions").invoke(driver);
            }
            assertThat(names).contains("azure");
            for (String sdkClass : List.of("com.azure.resourcemanager.compute.ComputeManager", "com.azure.core.http.HttpPipeline",
                    "com.azure.core.management.AzureEnvironment", "com.azure.identity.DefaultAzureCredential",
                    "com.azure.resourcemanager.network.NetworkManager", "reactor.core.publisher.Mono")) {
                assertThat(loader.hasLoaded(sdkClass)).as(sdkClass).isFalse();
            }
        }
    }

    @Test
    void openingAConnectionBuildsNoSdkClientBeforeTheFirstCall() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> configType = loader.loadClass("io.multicloud.api.ConnectionConfig");
            Object config = configType.getMethod("of", String.class, String.class).invoke(null, "azure", "eastus");
            Object driver = loader.loadClass("io.multicloud.driver.azure.AzureDriver").getConstructor().newInstance();
            Object connection = loader.loadClass("io.multicloud.spi.Driver").getMethod("connect", configType).invoke(driver, config);
            assertThat(loader.hasLoaded("com.azure.resourcemanager.compute.ComputeManager")).isFalse();
            assertThat(loader.hasLoaded("com.azure.identity.DefaultAzureCredential")).isFalse();
            loader.loadClass("io.multicloud.spi.DriverConnection").getMethod("close").invoke(connection);
        }
    }
}
