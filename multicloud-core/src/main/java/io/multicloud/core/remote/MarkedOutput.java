package io.multicloud.core.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one output stream of a {@link ShellScript} line by line, hands each line to the listener
 * as it comes, and splits the stream into one segment per command at the end markers. The
 * marker is printed after a newline, so that it starts a line even when a command's output did
 * not end with one: the empty line that this makes is the script's, not the command's, and is
 * dropped (it is held back until the next line shows whether it was).
 */
final class MarkedOutput {
    /** One command's part of the stream. */
    record Segment(String text, Integer exitCode) {
    }

    private final String marker;
    private final Consumer<String> onLine;
    private final Consumer<Segment> onSegment;
    private final List<Segment> segments = new ArrayList<>();
    private StringBuilder current = new StringBuilder();
    private boolean heldEmptyLine;
    private volatile long shellPid = -1;

    /**
     * @param marker the script's end marker
     * @param onLine hears every line of a command's output as it comes
     * @param onSegment hears each command's segment as soon as its marker is read
     */
    MarkedOutput(String marker, Consumer<String> onLine, Consumer<Segment> onSegment) {
        this.marker = marker;
        this.onLine = onLine;
        this.onSegment = onSegment;
    }

    /** Reads the stream to its end; what follows the last marker is the unfinished command's output. */
    List<Segment> readAll(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            accept(stripCarriageReturn(line));
        }
        if (heldEmptyLine) {
            emit("");
        }
        return segments;
    }

    /** The shell's pid, once its line was read; -1 before. */
    long shellPid() {
        return shellPid;
    }

    /** What followed the last marker: the output of a command that did not finish. */
    String rest() {
        return current.toString();
    }

    private void accept(String line) {
        if (shellPid < 0 && segments.isEmpty() && line.startsWith(marker + ShellScript.PID_SUFFIX + " ")) {
            Integer pid = parse(line.substring(marker.length() + ShellScript.PID_SUFFIX.length()).trim());
            shellPid = pid == null ? -1 : pid;
            return;
        }
        if (line.startsWith(marker) && (line.length() == marker.length() || line.charAt(marker.length()) == ' ')) {
            heldEmptyLine = false;
            String code = line.substring(marker.length()).trim();
            Segment segment = new Segment(current.toString(), code.isEmpty() ? null : parse(code));
            segments.add(segment);
            current = new StringBuilder();
            onSegment.accept(segment);
            return;
        }
        if (heldEmptyLine) {
            emit("");
            heldEmptyLine = false;
        }
        if (line.isEmpty()) {
            heldEmptyLine = true;
        } else {
            emit(line);
        }
    }

    private void emit(String line) {
        current.append(line).append('\n');
        onLine.accept(line);
    }

    private static Integer parse(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
