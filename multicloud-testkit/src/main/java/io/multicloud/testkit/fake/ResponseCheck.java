package io.multicloud.testkit.fake;

import java.util.List;

/**
 * Checks an answer before it is sent, against the cloud's API description (a discovery
 * document, a swagger file). It returns what is wrong, empty when the answer is right; the
 * server records each violation, logs it, and {@link FakeServer#close()} (or
 * {@link FakeServer#assertNoViolations()}) then fails the test, so a fake cannot drift into
 * answering whatever the driver expects.
 */
@FunctionalInterface
public interface ResponseCheck {
    /** No check at all. */
    ResponseCheck NONE = (route, request, response) -> List.of();

    /**
     * @param route the route that answered (its {@link Route#name()} is the operation, such as
     *              {@code compute.instances.insert}), or null when no route matched
     */
    List<String> check(Route route, FakeRequest request, FakeResponse response);
}
