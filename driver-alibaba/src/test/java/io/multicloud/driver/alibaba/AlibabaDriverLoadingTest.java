package io.multicloud.driver.alibaba;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.MultiCloud;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver is found by ServiceLoader without loading the Alibaba SDK, and connecting loads none either. */
class AlibabaDriverLoadingTest {

    @Test
    void theDriverIsFoundAndUnknownRegionsAreRefusedWithoutCallingAlibaba() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            assertThat(mc.drivers()).contains("alibaba");
            assertThatThrownBy(() -> mc.connect("alibaba", "cn-atlantis"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cn-hangzhou");
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
    void findingTheDriverAndConnectingLoadNoSdkClass() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> driverType = loader.loadClass("io.multicloud.spi.Driver");
            Object alibaba = null;
            List<String> names = new ArrayList<>();
            for (Object driver : ServiceLoader.load(driverType, loader)) {
                String name = (String) driverType.getMethod("name").invoke(driver);
                names.add(name);
                driverType.getMethod("knownRegions").invoke(driver);
                if (name.equals("alibaba")) {
                    alibaba = driver;
                }
            }
            assertThat(names).contains("alibaba");
            assertThat(loader.hasLoaded("com.aliyun.ecs20140526.Client")).isFalse();
            assertThat(loader.hasLoaded("com.aliyun.teaopenapi.Client")).isFalse();
            assertThat(loader.hasLoaded("com.aliyun.tea.TeaModel")).isFalse();

            Class<?> configType = loader.loadClass("io.multicloud.api.ConnectionConfig");
            Object config = configType.getMethod("of", String.class, String.class).invoke(null, "alibaba", "cn-hangzhou");
            Object connection = driverType.getMethod("connect", configType).invoke(alibaba, config);
            loader.loadClass("io.multicloud.spi.DriverConnection").getMethod("capabilities").invoke(connection);
            assertThat(loader.hasLoaded("com.aliyun.ecs20140526.Client")).isFalse();
            assertThat(loader.hasLoaded("com.aliyun.vpc20160428.Client")).isFalse();
            assertThat(loader.hasLoaded("com.aliyun.credentials.Client")).isFalse();
        }
    }
}
