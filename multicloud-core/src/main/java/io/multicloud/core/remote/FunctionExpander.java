package io.multicloud.core.remote;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.remote.FunctionCall.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A remote command with its built-in functions parsed, ready to be expanded for each VM.
 *
 * <p>Each {@code $$Func(Name(key=value, ...))} is replaced by what the function yields for the
 * VM the command runs on; all other text is kept exactly. Function names are case-insensitive
 * and these are known (CB-Tumblebug's set; every one also takes {@code prefix} and
 * {@code postfix}, which wrap each value it yields):
 * <ul>
 *   <li>{@code GetPublicIP(target)}, {@code GetPrivateIP(target)}: an address of one VM;
 *       {@code target} is {@code this} (the default) or {@code mciId.vmId}, either part possibly
 *       {@code this};</li>
 *   <li>{@code GetPublicIPs(target, separator)}, {@code GetPrivateIPs(target, separator)}: the
 *       address of every VM of an MCI ({@code this}, the default, or an MCI id), in natural order
 *       of VM ids, each wrapped, joined by {@code separator} (default {@code ,});</li>
 *   <li>{@code AssignTask(task='a,b,c')}: the VM at {@link CommandTarget#index() index} i gets
 *       task {@code i mod n} (tasks split on commas and trimmed);</li>
 *   <li>{@code GetMciId} (alias {@code GetInfraId}), {@code GetVmId} (alias {@code GetNodeId});</li>
 *   <li>{@code GetLocationDisplay(target)}, {@code GetLocationLatitude(target)},
 *       {@code GetLocationLongitude(target)}: where a VM's region is (numbers in plain decimal).</li>
 * </ul>
 * A function that reads a VM without the datum it needs (no public IP, no location) fails
 * rather than yield an empty string, which would make the remote command run with a hole in it.
 * Values are inserted as they are: quoting them for a shell is the caller's job.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class FunctionExpander {
    private final String command;
    private final List<FunctionCall> calls;

    private FunctionExpander(String command, List<FunctionCall> calls) {
        this.command = command;
        this.calls = calls;
    }

    /**
     * Parses a command's built-in functions.
     *
     * @param command the command as the user wrote it
     * @return the parsed command
     * @throws InvalidRequestException (field {@code command}) naming the 1-based column and the
     *     fault: an unknown function or parameter, unbalanced parentheses, an unterminated quote,
     *     a missing {@code =}, a bad target
     */
    public static FunctionExpander parse(String command) {
        if (command == null) {
            throw new InvalidRequestException("command", "is missing");
        }
        return new FunctionExpander(command, FunctionParser.parse(command));
    }

    /** Whether the command holds any built-in function (when not, it is the same on every VM). */
    public boolean hasFunctions() {
        return !calls.isEmpty();
    }

    /**
     * The command as it must run on one VM.
     *
     * @param self the VM the command runs on
     * @param fleet the VMs of the commanded MCI and of any other MCI a target names, by MCI name
     * @return the command with every function replaced
     * @throws InvalidRequestException (field {@code command}) naming the column and the VM when a
     *     target does not resolve (unknown MCI or VM) or lacks what the function reads
     */
    public String expandFor(CommandTarget self, Map<String, List<CommandTarget>> fleet) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(fleet, "fleet");
        StringBuilder out = new StringBuilder(command.length() + 32);
        int copied = 0;
        for (FunctionCall call : calls) {
            out.append(command, copied, call.start()).append(evaluate(call, self, fleet));
            copied = call.end();
        }
        return out.append(command, copied, command.length()).toString();
    }

    /**
     * The command for each VM, in the order given, so that a caller can check every VM before
     * running anything.
     *
     * @param targets the VMs the command will run on
     * @param fleet as for {@link #expandFor}
     * @return one command per target
     * @throws InvalidRequestException at the first VM for which expansion fails
     */
    public List<String> expandAll(List<CommandTarget> targets, Map<String, List<CommandTarget>> fleet) {
        return targets.stream().map(t -> expandFor(t, fleet)).toList();
    }

    /**
     * Whether the command reads where a VM is ({@code GetLocation...}); only then must the caller
     * look up the VMs' regions, which costs a call to each cloud.
     */
    public boolean readsLocation() {
        return calls.stream().anyMatch(c -> switch (c.function()) {
            case GET_LOCATION_DISPLAY, GET_LOCATION_LATITUDE, GET_LOCATION_LONGITUDE -> true;
            default -> false;
        });
    }

    /** The command as the user wrote it. */
    public String command() {
        return command;
    }

    @Override
    public String toString() {
        // The command may hold a secret (a token passed to a script): show only its shape.
        return "FunctionExpander[" + command.length() + " chars, " + calls.size() + " functions]";
    }

    private String evaluate(FunctionCall call, CommandTarget self, Map<String, List<CommandTarget>> fleet) {
        String prefix = call.argument("prefix", "");
        String postfix = call.argument("postfix", "");
        Function<String, String> wrap = value -> prefix + value + postfix;
        return switch (call.function()) {
            case GET_PUBLIC_IP -> wrap.apply(publicIp(call, self, vm(call, self, fleet)));
            case GET_PRIVATE_IP -> wrap.apply(privateIp(call, self, vm(call, self, fleet)));
            case GET_PUBLIC_IPS -> joined(call, self, fleet, wrap, t -> publicIp(call, self, t));
            case GET_PRIVATE_IPS -> joined(call, self, fleet, wrap, t -> privateIp(call, self, t));
            case ASSIGN_TASK -> task(call, self);
            case GET_MCI_ID -> wrap.apply(self.mci());
            case GET_VM_ID -> wrap.apply(self.vm());
            case GET_LOCATION_DISPLAY -> wrap.apply(display(call, self, location(call, self, fleet).display()));
            case GET_LOCATION_LATITUDE -> wrap.apply(number(location(call, self, fleet).latitude()));
            case GET_LOCATION_LONGITUDE -> wrap.apply(number(location(call, self, fleet).longitude()));
        };
    }

    private String joined(FunctionCall call, CommandTarget self, Map<String, List<CommandTarget>> fleet,
            Function<String, String> wrap, Function<CommandTarget, String> address) {
        List<CommandTarget> vms = new ArrayList<>(mci(call, self, fleet));
        vms.sort(Comparator.comparing(CommandTarget::vm, CommandTarget.NATURAL_ORDER));
        List<String> parts = new ArrayList<>(vms.size());
        for (CommandTarget vm : vms) {
            parts.add(wrap.apply(address.apply(vm)));
        }
        return String.join(call.argument("separator", ","), parts);
    }

    private static String task(FunctionCall call, CommandTarget self) {
        String[] tasks = Arrays.stream(call.argument("task", "").split(",", -1)).map(String::strip)
                .toArray(String[]::new);
        return tasks[self.index() % tasks.length];
    }

    private CommandTarget vm(FunctionCall call, CommandTarget self, Map<String, List<CommandTarget>> fleet) {
        Target target = call.target();
        String mci = target.mci() == null ? self.mci() : target.mci();
        String vm = target.vm() == null ? self.vm() : target.vm();
        if (mci.equals(self.mci()) && vm.equals(self.vm())) {
            return self; // this, this.this, or the VM's own name: no need for the fleet
        }
        return mci(call, self, fleet).stream().filter(t -> t.vm().equals(vm)).findFirst()
                .orElseThrow(() -> unresolved(call.targetOffset(), self,
                        "no VM '" + vm + "' in MCI '" + mci + "' for " + call.function().displayName()));
    }

    private List<CommandTarget> mci(FunctionCall call, CommandTarget self, Map<String, List<CommandTarget>> fleet) {
        String mci = call.target().mci() == null ? self.mci() : call.target().mci();
        List<CommandTarget> vms = fleet.get(mci);
        if (vms == null) {
            throw unresolved(call.targetOffset(), self,
                    "unknown MCI '" + mci + "' for " + call.function().displayName());
        }
        return vms;
    }

    private String publicIp(FunctionCall call, CommandTarget self, CommandTarget vm) {
        if (vm.publicIp() == null || vm.publicIp().isBlank()) {
            throw unresolved(call.targetOffset(), self, "VM " + vm.label() + " has no public IP for "
                    + call.function().displayName());
        }
        return ipLiteral(call, self, vm, vm.publicIp());
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}"
            + "(:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))?");
    private static final java.util.regex.Pattern DISPLAY = java.util.regex.Pattern.compile("[\\p{L}\\p{N} .,()/-]{1,80}");

    /**
     * The address as the cloud reported it, only when it is an IP literal: the value lands in a
     * shell command, so a broken or hostile answer ({@code 203.0.113.7;touch pwned}) is refused.
     */
    private String ipLiteral(FunctionCall call, CommandTarget self, CommandTarget vm, String address) {
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw unresolved(call.targetOffset(), self, "VM " + vm.label() + " has an address that is not an IP literal ("
                    + address.length() + " characters), refused for " + call.function().displayName());
        }
        return address;
    }

    private String privateIp(FunctionCall call, CommandTarget self, CommandTarget vm) {
        if (vm.privateIp() == null || vm.privateIp().isBlank()) {
            throw unresolved(call.targetOffset(), self, "VM " + vm.label() + " has no private IP for "
                    + call.function().displayName());
        }
        return ipLiteral(call, self, vm, vm.privateIp());
    }

    private GeoLocation location(FunctionCall call, CommandTarget self, Map<String, List<CommandTarget>> fleet) {
        CommandTarget vm = vm(call, self, fleet);
        if (vm.location() == null) {
            throw unresolved(call.targetOffset(), self, "VM " + vm.label() + " has no known location for "
                    + call.function().displayName());
        }
        return vm.location();
    }

    /** A location's display name only of letters, digits, spaces and {@code .,()/-}: it lands in a shell command. */
    private String display(FunctionCall call, CommandTarget self, String text) {
        if (text == null || !DISPLAY.matcher(text).matches()) {
            throw unresolved(call.targetOffset(), self, "the location's display name holds characters other than letters,"
                    + " digits, spaces and .,()/- (refused for " + call.function().displayName() + ")");
        }
        return text;
    }

    // Plain decimal, never 1.0E-4: the value lands in a shell command or a config file.
    private static String number(double value) {
        String text = Double.toString(value);
        return text.indexOf('E') < 0 ? text : new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private InvalidRequestException unresolved(int offset, CommandTarget self, String what) {
        return new InvalidRequestException("command", "at " + FunctionParser.position(command, offset)
                + ", expanding for VM " + self.label() + ": " + what);
    }
}
