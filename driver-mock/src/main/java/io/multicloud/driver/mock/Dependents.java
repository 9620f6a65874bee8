package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects what still depends on a resource, to refuse its deletion with a message that names them. */
final class Dependents {
    private final List<String> parts = new ArrayList<>();

    Dependents add(String label, Collection<String> names) {
        if (!names.isEmpty()) {
            parts.add(names.size() + " " + label + " (" + String.join(", ", names) + ")");
        }
        return this;
    }

    /** Throws a Conflict naming every dependent, if there is any. */
    void refuse(MockErrors errors, ResourceKind kind, String name, String action) {
        if (!parts.isEmpty()) {
            throw errors.inUse(kind, name, "cannot " + action + ": still used by " + String.join(", ", parts)
                    + "; remove those first");
        }
    }
}
