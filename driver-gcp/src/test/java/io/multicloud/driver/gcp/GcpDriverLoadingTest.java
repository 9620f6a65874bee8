package io.multicloud.driver.gcp;

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

class GcpDriverLoadingTest {

    @Test
    void theDriverIsFoundAndUnknownRegionsAreRefusedWithoutCallingGoogle() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            assertThat(mc.drivers()).contains("gcp");
            assertThatThrownBy(() -> mc.connect("gcp", "us-middle9"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("us-central1");
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
    void findingTheDriverLoadsNoGoogleClass() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> driverType = loader.loadClass("io.multicloud.spi.Driver");
            List<String> names = new ArrayList<>();
            for (Object driver : ServiceLoader.load(driverType, loader)) {
                names.add((String) driverType.getMethod("name").invoke(driver));
                driverType.getMethod("knownRegions").invoke(driver);
            }
            assertThat(names).contains("gcp");
            assertThat(loader.hasLoaded("com.google.cloud.compute.v1.InstancesClient")).isFalse();
            assertThat(loader.hasLoaded("com.google.api.gax.rpc.ClientSettings")).isFalse();
            assertThat(loader.hasLoaded("com.google.auth.oauth2.GoogleCredentials")).isFalse();
            assertThat(loader.hasLoaded("com.google.protobuf.Message")).isFalse();
        }
    }

    /** Connecting resolves no credentials (Application Default Credentials may be slow or absent) until the first call. */
    @Test
    void connectingResolvesNoCredentialsUntilTheFirstCall() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> configType = loader.loadClass("io.multicloud.api.ConnectionConfig");
            Object config = configType.getMethod("of", String.class, String.class).invoke(null, "gcp", "us-central1");
            Object driver = loader.loadClass("io.multicloud.driver.gcp.GcpDriver").getConstructor().newInstance();
            Object connection = driver.getClass().getMethod("connect", configType).invoke(driver, config);
            assertThat(loader.hasLoaded("com.google.auth.oauth2.GoogleCredentials")).isFalse();
            assertThat(loader.hasLoaded("com.google.auth.oauth2.ServiceAccountCredentials")).isFalse();
            loader.loadClass("io.multicloud.spi.DriverConnection").getMethod("close").invoke(connection);
        }
    }
}
