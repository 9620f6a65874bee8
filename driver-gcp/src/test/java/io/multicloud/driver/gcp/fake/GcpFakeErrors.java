package io.multicloud.driver.gcp.fake;

import io.multicloud.testkit.fake.FakeResponse;

/** Google's error answers, for tests that inject them with the fake server's faults. */
public final class GcpFakeErrors {
    private GcpFakeErrors() {
    }

    /** An error answer in Google's format ({@code {"error":{"code","message","errors":[{"reason"}]}}}). */
    public static FakeResponse answer(int status, String reason, String message) {
        return Gce.errorResponse(status, reason, message);
    }
}
