package io.multicloud.core.remote;

import io.multicloud.api.Secret;

/**
 * Where and as whom to log in to one VM, with the secret to log in with.
 *
 * @param connection the VM's connection
 * @param vm the VM's name
 * @param vmId the cloud's id of the VM (its host key is pinned under it)
 * @param host the address to connect to (for a VM behind a bastion: as the bastion sees it)
 * @param port the SSH port
 * @param user the login user
 * @param privateKey the private key, or null to log in with {@code password}
 * @param password the password, or null
 */
record SshEndpoint(String connection, String vm, String vmId, String host, int port, String user,
                   Secret privateKey, Secret password) {

    /** The key of its pooled session: the same VM, address and user share one. */
    String sessionKey() {
        return connection + "|" + vmId + "|" + host + "|" + port + "|" + user;
    }

    /** How messages name it. */
    String label() {
        return "VM " + vm + " (" + connection + ", " + user + "@" + host + ":" + port + ")";
    }

    /** Secrets stay out of the text form. */
    @Override
    public String toString() {
        return "SshEndpoint[" + label() + ", " + (privateKey != null ? "key" : "password") + "]";
    }
}
