package io.multicloud.api;

/**
 * Where and as whom to log in to a VM over SSH.
 *
 * @param host              the address to connect to (public IP when there is one, else private)
 * @param port              the SSH port
 * @param user              the login user
 * @param unreachableReason null when an SSH server may answer there; else why none does and what to do
 *                          about it (the mock's VMs without an SSH server say so), so that a command
 *                          fails at once with this reason instead of waiting for a connect timeout
 */
public record SshAccess(String host, int port, String user, String unreachableReason) {

    /** An endpoint an SSH server may answer on. */
    public SshAccess(String host, int port, String user) {
        this(host, port, user, null);
    }

    /** Whether an SSH server may answer there (the driver knows of no reason why not). */
    public boolean reachable() {
        return unreachableReason == null;
    }
}
