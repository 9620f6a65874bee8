package io.multicloud.testconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What the console shows of skipped tests: each skipped class, or the skipped tests of a class,
 * with the reason. (The report's module cannot test itself with the report on its class path, so
 * its test lives here, in a module that has it.)
 */
class SkippedTestsReportTest {

    @Test
    void aClassSkippedByAConditionIsShownOnceWithItsReasonAndTestCount() {
        assertThat(run(NeedsACloud.class)).isEqualTo("SKIPPED " + NeedsACloud.class.getName()
                + " (2 tests): OS_AUTH_URL is not set: start the local OpenStack\n");
    }

    @Test
    void aClassWhoseBeforeAllAssumptionFailsIsShownWithTheAssumption() {
        assertThat(run(AssumesInBeforeAll.class)).isEqualTo("SKIPPED " + AssumesInBeforeAll.class.getName()
                + " (1 test): Assumption failed: moto is not installed\n");
    }

    @Test
    void testsSkippedInsideAClassAreGroupedByReasonAfterTheClass() {
        assertThat(run(SomeSkipped.class)).isEqualTo(
                "SKIPPED " + SomeSkipped.class.getName() + ", 2 tests [a(), b()]: Assumption failed: no clusters here\n"
                        + "SKIPPED " + SomeSkipped.class.getName() + ", 1 test [c()]: not yet\n");
    }

    @Test
    void aClassThatSkipsNothingPrintsNothing() {
        assertThat(run(NothingSkipped.class)).isEmpty();
    }

    @Test
    void theReportIsRegisteredForEveryLauncherOnTheClassPath() {
        assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(SkippedTestsReport.class);
    }

    private static String run(Class<?> testClass) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        SkippedTestsReport report = new SkippedTestsReport(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), report);
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(NoCloud.class)
    @interface RequiresCloud {
    }

    static final class NoCloud implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return ConditionEvaluationResult.disabled("OS_AUTH_URL is not set: start the local OpenStack");
        }
    }

    @RequiresCloud
    static class NeedsACloud {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    static class AssumesInBeforeAll {
        @BeforeAll
        static void check() {
            Assumptions.assumeTrue(false, "moto is not installed");
        }

        @Test
        void one() {
        }
    }

    static class SomeSkipped {
        @Test
        void a() {
            Assumptions.assumeTrue(false, "no clusters here");
        }

        @Test
        void b() {
            Assumptions.assumeTrue(false, "no clusters here");
        }

        @Test
        @Disabled("not yet")
        void c() {
        }

        @Test
        void d() {
        }
    }

    static class NothingSkipped {
        @Test
        void a() {
        }
    }
}
