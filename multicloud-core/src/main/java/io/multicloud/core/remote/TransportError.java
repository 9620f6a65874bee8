package io.multicloud.core.remote;

import java.util.Objects;

/**
 * Why a VM could not be reached or spoken to, kept apart from a command's own non-zero exit.
 *
 * @param kind what went wrong
 * @param message what happened, naming the VM (never a secret)
 */
public record TransportError(Kind kind, String message) {

    /** What went wrong on the way to a VM. */
    public enum Kind {
        /** The VM has no address to log in to, or no running bastion can reach it. */
        NO_ROUTE,
        /** No private key or password for the VM's login is in the store. */
        NO_CREDENTIAL,
        /** The connection was refused, reset or not answered in time. */
        CONNECT,
        /** The VM refused the login. */
        AUTHENTICATION,
        /** The VM showed another host key than the one pinned for it. */
        HOST_KEY_CHANGED,
        /** A command ran longer than its timeout (it was stopped). */
        TIMEOUT,
        /** The session broke while commands ran or files moved. */
        SESSION
    }

    public TransportError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
