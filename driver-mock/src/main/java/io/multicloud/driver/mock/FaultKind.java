package io.multicloud.driver.mock;

/**
 * A fault the mock injects on demand (see {@link MockControl#failNthCall} and
 * {@link MockControl#failFraction}); each kind raises the exception a real cloud would.
 */
public enum FaultKind {
    /** {@link io.multicloud.api.ThrottledException} (retryable). */
    THROTTLED,
    /** {@link io.multicloud.api.TransientCloudException} (retryable). */
    TRANSIENT,
    /** {@link io.multicloud.api.QuotaExceededException} with scope REGION (or the scope the rule gives). */
    QUOTA,
    /** {@link io.multicloud.api.CapacityUnavailableException} with scope ZONE (or the scope the rule gives). */
    CAPACITY,
    /** {@link io.multicloud.api.AuthenticationFailedException}. */
    AUTH,
    /**
     * A lost answer, the fault every real cloud shows: the call takes effect, then the client gets
     * a {@link io.multicloud.api.TransientCloudException} (retryable) as if it had timed out.
     */
    LOST
}
