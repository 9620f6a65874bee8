package io.multicloud.core.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.UnsupportedCapabilityException;
import io.multicloud.core.MultiCloud;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverLoadingTest {

    private static MultiCloud multiCloud() {
        return MultiCloud.builder().environment(Map.of()).build();
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
    void findingDriversDoesNotLoadTheirSdkUntilAConnectionOpens() throws Exception {
        // A fresh class loader, so that no other test of this JVM has loaded the stand-in SDK yet.
        try (Isolated loader = new Isolated()) {
            Class<?> multiCloudType = loader.loadClass(MultiCloud.class.getName());
            Object builder = multiCloudType.getMethod("builder").invoke(null);
            builder.getClass().getMethod("classLoader", ClassLoader.class).invoke(builder, loader);
            builder.getClass().getMethod("environment", Map.class).invoke(builder, Map.of());
            Object mc = builder.getClass().getMethod("build").invoke(builder);
            try {
                assertThat(((java.util.Set<?>) multiCloudType.getMethod("drivers").invoke(mc)).contains("lazy-test")).isTrue();
                assertThat(loader.hasLoaded(HeavySdk.class.getName())).isFalse();
                multiCloudType.getMethod("connect", String.class, String.class).invoke(mc, "lazy-test", "north");
                assertThat(loader.hasLoaded(HeavySdk.class.getName())).isTrue();
            } finally {
                multiCloudType.getMethod("close").invoke(mc);
            }
        }
    }

    @Test
    void aConnectionAnswersThroughTheDriver() {
        try (MultiCloud mc = multiCloud()) {
            Cloud cloud = mc.connect("lazy-test", "north");
            assertThat(cloud.regions().get("north").displayName()).isEqualTo("sdk north");
        }
    }

    @Test
    void anUnknownDriverFailsListingTheDriversFound() {
        try (MultiCloud mc = multiCloud()) {
            assertThatThrownBy(() -> mc.connect("azrue", "eastus"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("unknown driver 'azrue'")
                    .hasMessageContaining("drivers found: [").hasMessageContaining("lazy-test")
                    .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("driver");
        }
    }

    @Test
    void anUnknownRegionFailsListingTheKnownRegions() {
        try (MultiCloud mc = multiCloud()) {
            assertThatThrownBy(() -> mc.connect("lazy-test", "east"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("unknown region 'east'")
                    .hasMessageContaining("[north, south]");
        }
    }

    @Test
    void aCapabilityTheDriverLacksFailsAtOnceNamingDriverAndCapability() {
        try (MultiCloud mc = multiCloud(); Cloud cloud = mc.connect("lazy-test", "south")) {
            assertThatThrownBy(cloud::vms)
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("lazy-test").hasMessageContaining("VMS")
                    .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).capability()).isEqualTo(Capability.VMS));
            assertThatThrownBy(() -> cloud.anyCall("Anything", Map.of()))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("ANY_CALL");
        }
    }

    @Test
    void closingMultiCloudClosesItsConnections() {
        Cloud cloud;
        try (MultiCloud mc = multiCloud()) {
            cloud = mc.connect(ConnectionConfig.of("lazy-test", "north"));
        }
        assertThatThrownBy(cloud::regions).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
