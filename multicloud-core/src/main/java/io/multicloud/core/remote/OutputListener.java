package io.multicloud.core.remote;

/**
 * Hears the output of remote commands line by line while they run, from many VMs at once (so
 * it must be thread-safe). Lines come without their line ending.
 */
@FunctionalInterface
public interface OutputListener {
    /** Hears nothing. */
    OutputListener NONE = (vm, stream, line) -> { };

    /** Which of a command's two outputs a line came from. */
    enum Stream { STDOUT, STDERR }

    /**
     * One line of output.
     *
     * @param vm the VM's name
     * @param stream stdout or stderr
     * @param line the line, without its ending
     */
    void line(String vm, Stream stream, String line);
}
