package io.multicloud.testkit.fake;

/**
 * Thrown by a handler to answer with an error response (the cloud's own error body), from any
 * depth of the fake's code.
 */
public final class FakeError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FakeResponse response;

    public FakeError(FakeResponse response) {
        super("fake answers " + response.status(), null, false, false);
        this.response = response;
    }

    public FakeResponse response() {
        return response;
    }
}
