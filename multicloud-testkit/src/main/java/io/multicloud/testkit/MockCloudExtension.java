package io.multicloud.testkit;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link MockCloudTest}: resolves {@link Cloud} and
 * {@link MultiCloud} parameters (and {@link MockSshServers} ones with {@code ssh = true}) of
 * test methods and of their {@code @BeforeEach} and {@code @AfterEach} methods (one set per
 * test, shared by all of them), and closes them after the test. Register it through the annotation.
 */
public final class MockCloudExtension implements ParameterResolver, AfterEachCallback {
    private static final Logger log = LoggerFactory.getLogger(MockCloudExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockCloudExtension.class);
    private static final String SESSION = "session";
    private static final MockCloudTest DEFAULTS = Defaults.class.getAnnotation(MockCloudTest.class);

    @MockCloudTest
    private static final class Defaults {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Cloud.class || type == MultiCloud.class || type == MockSshServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!(parameter.getDeclaringExecutable() instanceof Method) || context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@MockCloudTest injects a Cloud or MultiCloud into test methods and"
                    + " @BeforeEach/@AfterEach methods only, not into " + parameter.getDeclaringExecutable());
        }
        Session session = context.getStore(NAMESPACE).getOrComputeIfAbsent(SESSION, k -> open(context), Session.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == MockSshServers.class) {
            if (session.ssh() == null) {
                throw new ParameterResolutionException("a MockSshServers parameter needs @MockCloudTest(ssh = true) on "
                        + context.getDisplayName());
            }
            return session.ssh();
        }
        return type == Cloud.class ? session.cloud() : session.multiCloud();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Session session = context.getStore(NAMESPACE).remove(SESSION, Session.class);
        if (session != null) {
            session.close();
        }
    }

    private static Session open(ExtensionContext context) {
        MockCloudTest settings = settings(context);
        String account = settings.account().isBlank()
                ? "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) : settings.account();
        ConnectionConfig config = ConnectionConfig.of("mock", settings.region())
                .named("mock/" + settings.region() + "/" + account)
                .credential("account", account)
                .property("transition_ms", Long.toString(settings.transitionMillis()));
        if (!settings.zone().isBlank()) {
            config = config.zone(settings.zone());
        }
        for (String entry : settings.properties()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ParameterResolutionException("@MockCloudTest property '" + entry + "' is not key=value");
            }
            config = config.property(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        Path home;
        try {
            home = Files.createTempDirectory("multicloud-test-home-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test's home directory", e);
        }
        MultiCloud multiCloud = MultiCloud.builder()
                .environment(Map.of())
                .home(home)
                .build();
        MockSshServers ssh = null;
        try {
            Cloud cloud = multiCloud.connect(config);
            if (settings.ssh()) {
                ssh = MockSshServers.start(home.resolve("ssh"));
                cloud.unwrap(MockControl.class).serveSsh(ssh);
            }
            log.debug("{} runs on a fresh mock cloud {}{}", context.getDisplayName(), cloud, ssh == null ? "" : " with SSH");
            return new Session(multiCloud, cloud, ssh, home);
        } catch (RuntimeException e) {
            if (ssh != null) {
                ssh.close();
            }
            multiCloud.close();
            Session.deleteTree(home);
            throw e;
        }
    }

    /** The annotation on the method, else on the class or an enclosing class, else the defaults. */
    private static MockCloudTest settings(ExtensionContext context) {
        Optional<MockCloudTest> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), MockCloudTest.class);
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Optional<MockCloudTest> found = AnnotationSupport.findAnnotation((AnnotatedElement) type, MockCloudTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return DEFAULTS;
    }

    /**
     * What one test got; closed after it. AutoCloseable, so the store closes it even if afterEach
     * does not run. The SSH servers stop first (their sessions and commands end), then the
     * connection; the test's home (the owner file, the SSH store, the VMs' directories), which
     * this extension made, goes too, so no test leaves a directory behind.
     */
    private record Session(MultiCloud multiCloud, Cloud cloud, MockSshServers ssh, Path home) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (ssh != null) {
                    ssh.close();
                }
            } finally {
                try {
                    multiCloud.close();
                } finally {
                    deleteTree(home);
                }
            }
        }

        static void deleteTree(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                log.debug("could not delete the SSH work dir {}: {}", dir, e.toString());
            }
        }
    }
}
