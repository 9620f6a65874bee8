package io.multicloud.api;

/**
 * Where and as whom to log in to a VM over SSH.
 *
 * @param host the address to connect to (public IP when there is one, else private)
 * @param port the SSH port
 * @param user the login user
 */
public record SshAccess(String host, int port, String user) {
}
