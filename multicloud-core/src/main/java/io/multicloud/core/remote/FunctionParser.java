package io.multicloud.core.remote;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.remote.FunctionCall.Argument;
import io.multicloud.core.remote.FunctionCall.Function;
import io.multicloud.core.remote.FunctionCall.Target;
import io.multicloud.core.remote.FunctionCall.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds and parses every {@code $$Func(Name(key=value, ...))} of a command, once, so that a
 * malformed command is refused before any VM is contacted.
 *
 * <p>Grammar: the marker {@code $$Func(} (exact case), a function name (any case), {@code (},
 * zero or more {@code key=value} separated by commas, {@code )}, {@code )}. Whitespace is allowed
 * around names, keys and values and is trimmed. A value is either wholly quoted in single quotes
 * (commas, parentheses and spaces inside are data; the quotes are stripped; a quoted value cannot
 * itself contain a single quote) or unquoted, ending at the next comma or {@code )}; an unquoted
 * value may contain neither a quote nor {@code (}, which almost always means a missing quote or
 * a nested call. Keys are case-insensitive; each may appear once. {@code $$Func} not followed by
 * {@code (} is not a call and is kept as text (the shell's {@code $$} before a word); with only
 * spaces before the {@code (} it is an error, since a call was plainly meant.
 */
final class FunctionParser {
    static final String MARKER = "$$Func";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String command;
    private int pos;

    private FunctionParser(String command) {
        this.command = command;
    }

    /** Every call in the command, in order; throws {@link InvalidRequestException} at the first fault. */
    static List<FunctionCall> parse(String command) {
        return new FunctionParser(command).calls();
    }

    /**
     * "column N" for an index in the command (1-based, counted in characters), with the line
     * and its column added when the command has several lines.
     */
    static String position(String command, int offset) {
        int column = command.codePointCount(0, offset) + 1;
        if (command.indexOf('\n') < 0) {
            return "column " + column;
        }
        int lineStart = command.lastIndexOf('\n', offset - 1) + 1;
        long line = command.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return "column " + column + " (line " + line + ", column "
                + (command.codePointCount(lineStart, offset) + 1) + ")";
    }

    private List<FunctionCall> calls() {
        List<FunctionCall> calls = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = command.indexOf(MARKER, from);
            if (start < 0) {
                return List.copyOf(calls);
            }
            int after = start + MARKER.length();
            int paren = after;
            while (paren < command.length() && Character.isWhitespace(command.charAt(paren))) {
                paren++;
            }
            if (paren == command.length() || command.charAt(paren) != '(') {
                from = after; // $$Func without '(' is not a call: text, kept as it is
                continue;
            }
            if (paren != after) {
                throw fault(after, "no space allowed between " + MARKER + " and '('");
            }
            pos = after + 1;
            calls.add(call(start));
            from = pos;
        }
    }

    private FunctionCall call(int start) {
        skipSpaces();
        int nameStart = pos;
        while (pos < command.length() && isWordChar(command.charAt(pos))) {
            pos++;
        }
        String name = command.substring(nameStart, pos);
        if (name.isEmpty()) {
            throw endOrFault(start, nameStart, "expected a function name after " + MARKER + "(");
        }
        Function function = Function.named(name).orElseThrow(() -> fault(nameStart,
                "unknown function '" + name + "'; known functions: " + Function.allNames()));
        skipSpaces();
        if (pos >= command.length() || command.charAt(pos) != '(') {
            throw endOrFault(start, pos, "expected '(' after function name '" + name + "' (a function is called with"
                    + " parentheses, even without parameters: " + MARKER + "(" + name + "()))");
        }
        pos++;
        Map<String, Argument> arguments = arguments(start, function);
        skipSpaces();
        if (pos >= command.length() || command.charAt(pos) != ')') {
            throw endOrFault(start, pos, "expected ')' to close " + MARKER + "( opened at " + position(command, start));
        }
        pos++;
        checkRequired(start, function, arguments);
        return new FunctionCall(function, start, pos, arguments, target(function, arguments));
    }

    /** Parses {@code key=value, ...} up to and including the function's closing parenthesis. */
    private Map<String, Argument> arguments(int start, Function function) {
        Map<String, Argument> arguments = new LinkedHashMap<>();
        skipSpaces();
        if (pos < command.length() && command.charAt(pos) == ')') {
            pos++;
            return arguments;
        }
        while (true) {
            skipSpaces();
            int keyStart = pos;
            while (pos < command.length() && "=,()'".indexOf(command.charAt(pos)) < 0) {
                pos++;
            }
            String key = command.substring(keyStart, pos).strip();
            if (pos >= command.length()) {
                throw endOrFault(start, pos, "");
            }
            if (command.charAt(pos) != '=') {
                throw fault(keyStart, key.isEmpty() ? "expected a parameter key=value"
                        : "missing '=' after parameter '" + key + "'");
            }
            if (key.isEmpty()) {
                throw fault(keyStart, "missing parameter name before '='");
            }
            if (!function.accepts(key)) {
                throw fault(keyStart, "unknown parameter '" + key + "' for " + function.displayName()
                        + "; it takes: " + function.parameterList());
            }
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (arguments.containsKey(lowerKey)) {
                throw fault(keyStart, "parameter '" + key + "' given twice");
            }
            pos++;
            arguments.put(lowerKey, value(start));
            char next = command.charAt(pos); // value() guarantees ',' or ')'
            pos++;
            if (next == ')') {
                return arguments;
            }
        }
    }

    /** A value, leaving {@code pos} on the ',' or ')' that follows it. */
    private Argument value(int start) {
        skipSpaces();
        int valueStart = pos;
        if (pos < command.length() && command.charAt(pos) == '\'') {
            int close = command.indexOf('\'', pos + 1);
            if (close < 0) {
                throw fault(valueStart, "unterminated quote: no closing ' for the value that starts here");
            }
            String value = command.substring(pos + 1, close);
            pos = close + 1;
            skipSpaces();
            if (pos >= command.length()) {
                throw endOrFault(start, pos, "");
            }
            if (command.charAt(pos) != ',' && command.charAt(pos) != ')') {
                throw fault(pos, "expected ',' or ')' after the quoted value");
            }
            return new Argument(value, valueStart);
        }
        while (pos < command.length() && command.charAt(pos) != ',' && command.charAt(pos) != ')') {
            char c = command.charAt(pos);
            if (c == '\'') {
                throw fault(pos, "quote inside an unquoted value; quote the whole value: key='...'");
            }
            if (c == '(') {
                throw fault(pos, "unbalanced parentheses: '(' inside an unquoted value; quote the value");
            }
            pos++;
        }
        if (pos >= command.length()) {
            throw endOrFault(start, pos, "");
        }
        return new Argument(command.substring(valueStart, pos).strip(), valueStart);
    }

    private void checkRequired(int start, Function function, Map<String, Argument> arguments) {
        if (function == Function.ASSIGN_TASK) {
            Argument task = arguments.get("task");
            if (task == null) {
                throw fault(start, "AssignTask needs task='a,b,c'");
            }
            if (task.value().isBlank()) {
                throw fault(task.offset(), "AssignTask's task list is empty");
            }
        }
    }

    private Target target(Function function, Map<String, Argument> arguments) {
        if (function.targetKind() == TargetKind.NONE) {
            return null;
        }
        Argument argument = arguments.get("target");
        if (argument == null) {
            return Target.THIS;
        }
        String text = argument.value();
        if (isThis(text)) {
            return Target.THIS;
        }
        if (function.targetKind() == TargetKind.MCI) {
            if (!NAME.matcher(text).matches()) {
                throw fault(argument.offset(), "bad target '" + text + "' for " + function.displayName()
                        + ": expected 'this' or an MCI id");
            }
            return new Target(text, null);
        }
        int dot = text.indexOf('.');
        String mci = dot < 0 ? "" : text.substring(0, dot);
        String vm = dot < 0 ? "" : text.substring(dot + 1);
        if (!NAME.matcher(mci).matches() || !NAME.matcher(vm).matches()) {
            throw fault(argument.offset(), "bad target '" + text + "' for " + function.displayName()
                    + ": expected 'this' or mciId.vmId (either part may be 'this')");
        }
        return new Target(isThis(mci) ? null : mci, isThis(vm) ? null : vm);
    }

    private static boolean isThis(String text) {
        return text.equalsIgnoreCase("this");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void skipSpaces() {
        while (pos < command.length() && Character.isWhitespace(command.charAt(pos))) {
            pos++;
        }
    }

    /** At the end of the command the fault is the unclosed call; elsewhere it is what is here. */
    private InvalidRequestException endOrFault(int start, int offset, String what) {
        if (offset >= command.length()) {
            return fault(start, "unbalanced parentheses: " + MARKER + "( is not closed before the end of the command");
        }
        return fault(offset, what);
    }

    private InvalidRequestException fault(int offset, String what) {
        return new InvalidRequestException("command", "at " + position(command, offset) + ": " + what);
    }
}
