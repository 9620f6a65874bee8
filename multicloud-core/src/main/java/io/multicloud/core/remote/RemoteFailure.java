package io.multicloud.core.remote;

/** Carries a {@link TransportError} out of the SSH plumbing to the VM's result (internal). */
final class RemoteFailure extends RuntimeException {
    private final TransportError error;

    RemoteFailure(TransportError.Kind kind, String message) {
        super(message, null, false, false);
        this.error = new TransportError(kind, message);
    }

    TransportError error() {
        return error;
    }
}
