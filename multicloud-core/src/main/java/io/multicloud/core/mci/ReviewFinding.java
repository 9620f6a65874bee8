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
 */
public record ReviewFinding(String subGroup, String connection, ReviewCheck check, ReviewSeverity severity,
                            String message) {

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

    /** Whether it blocks a create. */
    public boolean blocking() {
        return severity == ReviewSeverity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + subGroup + " [" + connection + "] " + check + ": " + message;
    }
}
