package io.multicloud.core.mci;

import java.util.Objects;

/**
 * One result of a check-before-create review.
 *
 * @param subGroup the subgroup it concerns
 * @param connection the subgroup's connection name
 * @param check what was checked
 * @param severity how much it matters ({@link ReviewSeverity#ERROR} blocks a create)
 * @param message what was found, with the names and numbers involved
 * @param unanswered whether the check's cloud read failed (so the finding says nothing of the request itself)
 */
public record ReviewFinding(String subGroup, String connection, ReviewCheck check, ReviewSeverity severity,
                            String message, boolean unanswered) {

    /** A finding from the cloud's answer (or its absence, INFO), not from a failed read. */
    public ReviewFinding(String subGroup, String connection, ReviewCheck check, ReviewSeverity severity, String message) {
        this(subGroup, connection, check, severity, message, false);
    }

    public ReviewFinding {
        Objects.requireNonNull(subGroup, "subGroup");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** A finding about a subgroup. */
    static ReviewFinding of(SubGroupRequest sg, ReviewCheck check, ReviewSeverity severity, String message) {
        return new ReviewFinding(sg.name(), sg.connection(), check, severity, message);
    }

    /**
     * An ERROR finding for a check whose cloud read failed: it blocks a create the user asks to
     * review, but {@code create()} itself goes on (the cloud that could not answer the read answers
     * the create, or fails it for its own reason).
     */
    static ReviewFinding unanswered(SubGroupRequest sg, ReviewCheck check, String message) {
        return new ReviewFinding(sg.name(), sg.connection(), check, ReviewSeverity.ERROR, message, true);
    }

    /** Whether it blocks a create. */
    public boolean blocking() {
        return severity == ReviewSeverity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + subGroup + " [" + connection + "] " + check + ": " + message;
    }
}
