package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operation names, {@code <kind>.<method>} in lower case: the kind is the service's and the
 * method is the SPI method's name (the table below is the whole list). Fault rules and call
 * counts use them; a rule naming no known operation is refused rather than never firing.
 */
final class MockOperations {
    /** Matches every operation in fault rules. */
    static final String ANY = "*";

    private static final Set<String> CATALOG = Set.of("list", "find");
    private static final Set<String> CRUD = Set.of("list", "find", "create", "delete");
    private static final Map<String, Set<String>> METHODS = Map.ofEntries(
            Map.entry("region", CATALOG), Map.entry("image", CATALOG), Map.entry("spec", CATALOG),
            Map.entry("price", CATALOG),
            Map.entry("vpc", with(CRUD, "addsubnet", "removesubnet")),
            Map.entry("security_group", with(CRUD, "addrules", "removerules")),
            Map.entry("key_pair", CRUD),
            Map.entry("vm", with(CRUD, "suspend", "resume", "reboot")),
            Map.entry("disk", with(CRUD, "attach", "detach", "resize")),
            Map.entry("my_image", CRUD),
            Map.entry("nlb", with(CRUD, "addvms", "removevms", "health")),
            Map.entry("cluster", with(CRUD, "addnodegroup", "removenodegroup", "scalenodegroup")),
            Map.entry("tag", Set.of("list", "add", "remove", "find")),
            Map.entry("any_call", Set.of("call")));

    private MockOperations() {
    }

    /** The name of a service method's operation. */
    static String of(String kind, String method) {
        String op = kind + "." + method.toLowerCase(Locale.ROOT);
        if (!isKnown(op)) {
            throw new IllegalStateException("no such mock operation: " + op);
        }
        return op;
    }

    /** The operation, when it is {@code "*"} or a known one; IllegalArgumentException otherwise. */
    static String requireKnown(String operation) {
        if (operation == null || !(operation.equals(ANY) || isKnown(operation))) {
            throw new IllegalArgumentException("unknown mock operation '" + operation + "'; use * or <kind>.<method> of "
                    + new TreeSet<>(METHODS.keySet()) + ", such as vm.create");
        }
        return operation;
    }

    private static boolean isKnown(String op) {
        int dot = op.indexOf('.');
        return dot > 0 && METHODS.getOrDefault(op.substring(0, dot), Set.of()).contains(op.substring(dot + 1));
    }

    /** The resource kind an operation works on, or null (tags, any-call). */
    static ResourceKind kindOf(String operation) {
        int dot = operation.indexOf('.');
        String kind = (dot < 0 ? operation : operation.substring(0, dot)).toUpperCase(Locale.ROOT);
        for (ResourceKind k : ResourceKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
