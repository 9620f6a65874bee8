package io.multicloud.core.mci;

/** How much a review finding matters, from least to most. */
public enum ReviewSeverity {
    /** The check passed. */
    OK,
    /** A note: the check could not be made (the driver cannot tell), nothing is known to be wrong. */
    INFO,
    /** Something looks wrong but does not stop a create. */
    WARNING,
    /** The create would fail or do the wrong thing: it is blocked. */
    ERROR
}
