package io.multicloud.driver.aws;

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

class AwsDriverLoadingTest {

    @Test
    void theDriverIsFoundAndUnknownRegionsAreRefusedWithoutCallingAws() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            assertThat(mc.drivers()).contains("aws");
            assertThatThrownBy(() -> mc.connect("aws", "us-middle-1"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("us-east-2");
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
            assertThat(names).contains("aws");
            assertThat(loader.hasLoaded("software.amazon.awssdk.services.ec2.Ec2Client")).isFalse();
            assertThat(loader.hasLoaded("software.amazon.awssdk.core.SdkClient")).isFalse();
            assertThat(loader.hasLoaded("software.amazon.awssdk.regions.Region")).isFalse();
        }
    }
}
