package io.multicloud.testkit.fake;

/** Answers one routed request. May throw {@link FakeError} to answer with an error. */
@FunctionalInterface
public interface FakeHandler {
    FakeResponse handle(FakeRequest request);
}
