package io.multicloud.driver.tencent;

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

class TencentDriverLoadingTest {

    @Test
    void theDriverIsFoundAndUnknownRegionsAreRefusedWithoutCallingTencent() {
        try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
            assertThat(mc.drivers()).contains("tencent");
            assertThatThrownBy(() -> mc.connect("tencent", "ap-atlantis"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("ap-guangzhou");
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
            assertThat(names).contains("tencent");
            assertThat(loader.hasLoaded("io.multicloud.driver.tencent.TencentDriver")).isTrue();
            assertThat(loader.hasLoaded("com.tencentcloudapi.common.AbstractClient")).isFalse();
            assertThat(loader.hasLoaded("com.tencentcloudapi.cvm.v20170312.CvmClient")).isFalse();
            assertThat(loader.hasLoaded("com.tencentcloudapi.common.Credential")).isFalse();
            assertThat(loader.hasLoaded("okhttp3.OkHttpClient")).isFalse();
        }
    }
}
