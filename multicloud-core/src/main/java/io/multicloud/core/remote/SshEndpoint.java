package io.multicloud.core.remote;

/**
 * Where and as whom to log in to one VM. The secret to log in with is read from the store only
 * when a session is made ({@link SshCredentials#login}), not each time a pooled one is reused.
 *
 * @param connection the VM's connection
 * @param vm the VM's name
 * @param vmId the cloud's id of the VM (its host key is pinned under it)
 * @param host the address to connect to (for a VM behind a bastion: as the bastion sees it)
 * @param port the SSH port
 * @param user the login user
 * @param keyPair the VM's key pair, or null
 */
record SshEndpoint(String connection, String vm, String vmId, String host, int port, String user, String keyPair) {

    /** The key of its pooled session: the same VM, address and user share one. */
    String sessionKey() {
        return connection + "|" + vmId + "|" + host + "|" + port + "|" + user;
    }

    /** How messages name it. */
    String label() {
        return "VM " + vm + " (" + connection + ", " + user + "@" + host + ":" + port + ")";
    }
}
