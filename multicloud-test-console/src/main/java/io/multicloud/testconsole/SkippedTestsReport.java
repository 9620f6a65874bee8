package io.multicloud.testconsole;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints what was skipped and why, on the console the tests run on: Surefire's own lines only
 * count skipped tests ("Skipped: 30"), which hides that, say, the OpenStack tests did not run
 * because {@code OS_AUTH_URL} is unset. One line per test class skipped as a whole (a condition
 * such as {@code @Disabled} or an {@code ExecutionCondition} on the class, or an assumption in
 * {@code @BeforeAll}), and per class one line per reason for the tests skipped inside it:
 * <pre>
 * SKIPPED io.multicloud.driver.openstack.OpenStackConformanceTest (30 tests): OS_AUTH_URL is not set: ...
 * SKIPPED io.multicloud.testkit.MockConformanceTest, 2 tests [a(), b()]: the driver does not declare X
 * </pre>
 * Registered through {@code META-INF/services} for this project's own tests (the parent POM puts
 * this module on their test class path); it is no part of the library.
 */
public final class SkippedTestsReport implements TestExecutionListener {
    private final PrintStream out;
    /** Skipped tests by the id of the class they belong to, in order, until that class finishes. */
    private final Map<String, List<Skip>> pending = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    /** The listener ServiceLoader makes: prints to standard output. */
    public SkippedTestsReport() {
        this(System.out);
    }

    SkippedTestsReport(PrintStream out) {
        this.out = out;
    }

    private record Skip(String name, String reason) {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        skipped(id, reason == null || reason.isBlank() ? "no reason given" : reason.strip());
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped(id, result.getThrowable().map(SkippedTestsReport::message).orElse("aborted"));
        } else if (isClass(id)) {
            flush(id);
        }
    }

    private void skipped(TestIdentifier id, String reason) {
        if (isClass(id)) {
            flush(id);
            long tests = plan == null ? 0 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
            out.println("SKIPPED " + className(id).orElse(id.getDisplayName())
                    + (tests > 0 ? " (" + tests + (tests == 1 ? " test" : " tests") + ")" : "") + ": " + reason);
            return;
        }
        Optional<TestIdentifier> owner = enclosingClass(id);
        if (owner.isEmpty()) {
            out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            return;
        }
        pending.computeIfAbsent(owner.get().getUniqueId(), k -> new ArrayList<>())
                .add(new Skip(id.getDisplayName(), reason));
    }

    /** Prints the tests skipped inside a class that has finished, one line per reason. */
    private void flush(TestIdentifier classId) {
        List<Skip> skips = pending.remove(classId.getUniqueId());
        if (skips == null) {
            return;
        }
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Skip skip : skips) {
            byReason.computeIfAbsent(skip.reason(), k -> new ArrayList<>()).add(skip.name());
        }
        String name = className(classId).orElse(classId.getDisplayName());
        byReason.forEach((reason, tests) -> out.println("SKIPPED " + name + ", " + tests.size()
                + (tests.size() == 1 ? " test " : " tests ") + tests + ": " + reason));
    }

    private Optional<TestIdentifier> enclosingClass(TestIdentifier id) {
        if (plan == null) {
            return Optional.empty();
        }
        Optional<TestIdentifier> parent = plan.getParent(id);
        while (parent.isPresent() && !isClass(parent.get())) {
            parent = plan.getParent(parent.get());
        }
        return parent;
    }

    private static boolean isClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static Optional<String> className(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof ClassSource c) {
            return Optional.of(c.getClassName());
        }
        if (source.isPresent() && source.get() instanceof MethodSource m) {
            return Optional.of(m.getClassName());
        }
        return Optional.empty();
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
    }
}
