package io.multicloud.core.remote;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One parsed {@code $$Func(Name(key=value, ...))} of a command.
 *
 * @param function which built-in function
 * @param start the index of the first {@code $} of {@code $$Func(} in the command
 * @param end the index just after the closing {@code )} of {@code $$Func(...)}
 * @param arguments the parameters by lower-case key, quotes stripped
 * @param target the parsed {@code target} parameter, or null when the function takes none
 */
record FunctionCall(Function function, int start, int end, Map<String, Argument> arguments, Target target) {

    FunctionCall {
        arguments = Map.copyOf(arguments);
    }

    /** The value of a parameter, or the default when it was not given. */
    String argument(String key, String otherwise) {
        Argument a = arguments.get(key);
        return a == null ? otherwise : a.value();
    }

    /** Where to point a reader at when the target does not resolve: the value, else the call. */
    int targetOffset() {
        Argument a = arguments.get("target");
        return a == null ? start : a.offset();
    }

    /**
     * A parameter's value and where it starts in the command.
     *
     * @param value the value, trimmed and without its surrounding single quotes
     * @param offset the index of the value's first character (its quote, when quoted)
     */
    record Argument(String value, int offset) {
    }

    /**
     * Which VM or MCI a function reads. A null part means {@code this}: the VM the command runs
     * on, or its MCI.
     *
     * @param mci the MCI's name, or null for the commanded VM's MCI
     * @param vm the VM's id, or null for the commanded VM's own id (always null for a whole-MCI target)
     */
    record Target(String mci, String vm) {
        static final Target THIS = new Target(null, null);
    }

    /** What a function's {@code target} parameter names. */
    enum TargetKind {
        /** No target parameter. */
        NONE,
        /** {@code this} or {@code mciId.vmId}, either part possibly {@code this}. */
        VM,
        /** {@code this} or an MCI id. */
        MCI
    }

    /** CB-Tumblebug's built-in functions, with their aliases and parameters. */
    enum Function {
        GET_PUBLIC_IP(TargetKind.VM, List.of("GetPublicIP"), "prefix", "postfix"),
        GET_PRIVATE_IP(TargetKind.VM, List.of("GetPrivateIP"), "prefix", "postfix"),
        GET_PUBLIC_IPS(TargetKind.MCI, List.of("GetPublicIPs"), "separator", "prefix", "postfix"),
        GET_PRIVATE_IPS(TargetKind.MCI, List.of("GetPrivateIPs"), "separator", "prefix", "postfix"),
        ASSIGN_TASK(TargetKind.NONE, List.of("AssignTask"), "task"),
        GET_MCI_ID(TargetKind.NONE, List.of("GetMciId", "GetInfraId"), "prefix", "postfix"),
        GET_VM_ID(TargetKind.NONE, List.of("GetVmId", "GetNodeId"), "prefix", "postfix"),
        GET_LOCATION_DISPLAY(TargetKind.VM, List.of("GetLocationDisplay"), "prefix", "postfix"),
        GET_LOCATION_LATITUDE(TargetKind.VM, List.of("GetLocationLatitude"), "prefix", "postfix"),
        GET_LOCATION_LONGITUDE(TargetKind.VM, List.of("GetLocationLongitude"), "prefix", "postfix");

        private final TargetKind targetKind;
        private final List<String> names;
        private final Set<String> parameters;

        Function(TargetKind targetKind, List<String> names, String... parameters) {
            this.targetKind = targetKind;
            this.names = names;
            this.parameters = targetKind == TargetKind.NONE
                    ? Set.of(parameters)
                    : Set.copyOf(concat("target", parameters));
        }

        /** The function a name in a command means, compared without regard to case. */
        static Optional<Function> named(String name) {
            return Arrays.stream(values())
                    .filter(f -> f.names.stream().anyMatch(n -> n.equalsIgnoreCase(name)))
                    .findFirst();
        }

        /** Every name a command may use, for error messages. */
        static String allNames() {
            return String.join(", ", Arrays.stream(values()).flatMap(f -> f.names.stream()).toList());
        }

        /** The function's main name, as CB-Tumblebug spells it. */
        String displayName() {
            return names.getFirst();
        }

        TargetKind targetKind() {
            return targetKind;
        }

        /** Whether the function takes this (lower-case) parameter. */
        boolean accepts(String key) {
            return parameters.contains(key.toLowerCase(Locale.ROOT));
        }

        /** The function's parameters in a stable order, for error messages. */
        String parameterList() {
            return String.join(", ", parameters.stream().sorted().toList());
        }

        private static List<String> concat(String first, String... rest) {
            return Stream.concat(Stream.of(first), Arrays.stream(rest)).toList();
        }
    }
}
