package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one-shell protocol, run by a real local shell here (as sshd would run it on a VM): commands
 * share the shell, each gets its own output and exit code back, and the markers never leak into
 * a command's output.
 */
class ShellScriptTest {

    private record Run(List<MarkedOutput.Segment> out, List<MarkedOutput.Segment> err, String outRest, int exit,
                       List<String> lines) {
    }

    private static Run run(boolean keepGoing, String... commands) throws Exception {
        ShellScript script = ShellScript.of(List.of(commands), keepGoing);
        Process shell = new ProcessBuilder("/bin/sh", "-c", ShellScript.SHELL).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        MarkedOutput out = new MarkedOutput(script.marker(), lines::add, s -> { });
        MarkedOutput err = new MarkedOutput(script.marker(), l -> lines.add("err:" + l), s -> { });
        CompletableFuture<List<MarkedOutput.Segment>> errs = CompletableFuture.supplyAsync(() -> {
            try {
                return err.readAll(shell.getErrorStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (OutputStream stdin = shell.getOutputStream()) {
            stdin.write(script.text().getBytes(StandardCharsets.UTF_8));
        }
        List<MarkedOutput.Segment> outs = out.readAll(shell.getInputStream());
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(outs, errs.get(10, TimeUnit.SECONDS), out.rest(), shell.exitValue(), lines);
    }

    @Test
    void directoryAndVariablesCarryOverFromOneCommandToTheNext() throws Exception {
        Run run = run(false, "cd /tmp", "GREETING=hello", "echo \"$GREETING from $(pwd)\"");
        assertThat(run.out()).hasSize(3);
        assertThat(run.out().get(2).text()).isEqualTo("hello from /tmp\n");
        assertThat(run.out()).allSatisfy(s -> assertThat(s.exitCode()).isZero());
    }

    @Test
    void eachCommandGetsItsOwnOutputErrorAndExitCode() throws Exception {
        Run run = run(true, "echo one; echo oops >&2", "printf 'no newline'", "echo two; exit_code() { return 4; }; exit_code");
        assertThat(run.out()).extracting(MarkedOutput.Segment::text).containsExactly("one\n", "no newline\n", "two\n");
        assertThat(run.out()).extracting(MarkedOutput.Segment::exitCode).containsExactly(0, 0, 4);
        assertThat(run.err()).extracting(MarkedOutput.Segment::text).containsExactly("oops\n", "", "");
        assertThat(run.exit()).isEqualTo(4);
    }

    @Test
    void theFirstFailureStopsTheRestUnlessToldToGoOn() throws Exception {
        Run stopped = run(false, "echo a", "false", "echo never");
        assertThat(stopped.out()).extracting(MarkedOutput.Segment::exitCode).containsExactly(0, 1);
        assertThat(stopped.lines()).doesNotContain("never");
        assertThat(stopped.exit()).isEqualTo(1);

        Run goingOn = run(true, "echo a", "false", "echo still");
        assertThat(goingOn.out()).extracting(MarkedOutput.Segment::exitCode).containsExactly(0, 1, 0);
        assertThat(goingOn.lines()).contains("still");
    }

    @Test
    void blankLinesOfACommandAreKeptAndOnlyTheScriptsOwnIsDropped() throws Exception {
        Run run = run(false, "printf 'a\\n\\n\\nb\\n\\n'", "true");
        assertThat(run.out().get(0).text()).isEqualTo("a\n\n\nb\n\n");
        assertThat(run.out().get(1).text()).isEmpty();
        assertThat(run.lines()).containsExactly("a", "", "", "b", "");
    }

    @Test
    void aCommandReadingInputGetsNoneAndCannotSwallowTheScript() throws Exception {
        Run run = run(false, "cat; echo read-done", "echo after");
        assertThat(run.out()).extracting(MarkedOutput.Segment::text).containsExactly("read-done\n", "after\n");
    }

    @Test
    void anExitInsideACommandEndsTheShellAndLeavesItsOutputAsTheRest() throws Exception {
        Run run = run(false, "echo first", "echo bye; exit 3", "echo never");
        assertThat(run.out()).hasSize(1);
        assertThat(run.outRest()).isEqualTo("bye\n");
        assertThat(run.exit()).isEqualTo(3);
    }

    @Test
    void aCommandCannotFakeTheEndMarker() throws Exception {
        Run run = run(false, "echo __multicloud_end_0000 0; echo __multicloud_end_", "echo real");
        assertThat(run.out()).hasSize(2);
        assertThat(run.out().get(0).text()).isEqualTo("__multicloud_end_0000 0\n__multicloud_end_\n");
    }

    @Test
    void theScriptRunsTheSameWhenItIsTheShellsCommandLine() throws Exception {
        ShellScript script = ShellScript.of(List.of("cd /tmp", "echo \"$(pwd)\"; echo e >&2", "exit 5", "echo never"), false);
        Process shell = new ProcessBuilder("/bin/sh", "-c", script.text()).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<List<MarkedOutput.Segment>> errs = CompletableFuture.supplyAsync(() -> {
            try {
                return new MarkedOutput(script.marker(), l -> { }, s -> { }).readAll(shell.getErrorStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        MarkedOutput out = new MarkedOutput(script.marker(), l -> { }, s -> { });
        List<MarkedOutput.Segment> outs = out.readAll(shell.getInputStream());

        assertThat(outs).extracting(MarkedOutput.Segment::text).containsExactly("", "/tmp\n");
        assertThat(errs.get(10, TimeUnit.SECONDS)).extracting(MarkedOutput.Segment::text).containsExactly("", "e\n");
        assertThat(shell.waitFor()).isEqualTo(5);
        assertThat(script.text().length()).isLessThan(ShellScript.INLINE_LIMIT);
    }

    @Test
    void everyScriptHasItsOwnMarker() {
        assertThat(ShellScript.of(List.of("true"), false).marker()).isNotEqualTo(ShellScript.of(List.of("true"), false).marker());
    }
}
