package io.multicloud.core.remote;

import java.time.Duration;

/**
 * A file moved to or from one VM over SFTP.
 *
 * @param vm the VM's name
 * @param remotePath the path on the VM
 * @param bytes how many bytes moved (0 on error)
 * @param duration how long it took
 * @param error why it failed, or null
 */
public record TransferResult(String vm, String remotePath, long bytes, Duration duration, TransportError error) {

    /** Whether the file moved whole. */
    public boolean ok() {
        return error == null;
    }
}
