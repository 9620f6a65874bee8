package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Kubernetes-style label selector over a VM's labels, such as
 * {@code "multicloud:subgroup=gpu, tier in (web,api), !draining"}.
 *
 * <p>Requirements are separated by commas (a comma inside parentheses belongs to the set) and
 * must all hold (AND). Each one is one of:
 * <ul>
 *   <li>{@code key=value} or {@code key==value}: the key is present with that value;</li>
 *   <li>{@code key!=value}: the key is absent or has another value (as in Kubernetes);</li>
 *   <li>{@code key in (a,b)}: the key is present with one of the values;</li>
 *   <li>{@code key notin (a,b)}: the key is absent or has none of the values;</li>
 *   <li>{@code key}: the key is present; {@code !key}: the key is absent.</li>
 * </ul>
 * Whitespace is allowed around every token. A key is an optional DNS prefix (letters, digits,
 * {@code -} and {@code .}) and {@code /}, then a name of letters, digits, {@code -_.} and
 * {@code :} (the colon admits the library's own keys such as {@code multicloud:subgroup}).
 * A value is letters, digits and {@code -_.}; it may be empty after {@code =}, {@code ==} and
 * {@code !=}, never inside a set. Unlike Kubernetes no length limit is imposed: labels come from
 * clouds whose limits differ, and a selector longer than any label simply matches nothing.
 *
 * <p>Malformed text is refused with an {@link InvalidRequestException} on the field
 * {@code selector} whose reason gives the 1-based column and what was expected there, e.g.
 * {@code column 9: expected '(' after 'in'}. The empty (or blank) text selects every VM.
 *
 * <p>{@link #toString()} gives a canonical text that parses back to an equal selector:
 * requirements sorted by key (stably), {@code ==} written {@code =}, set values sorted and
 * without duplicates, no whitespace except around {@code in}/{@code notin}.
 */
public final class LabelSelector {
    private static final LabelSelector ALL = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        // Sorted and deduplicated so that equivalent texts give equal selectors and the same canonical text.
        this.requirements = requirements.stream().distinct()
                .sorted(Comparator.comparing(Requirement::key)).toList();
    }

    /** The selector that matches every set of labels, also what the empty text parses to. */
    public static LabelSelector all() {
        return ALL;
    }

    /**
     * Parses a selector.
     *
     * @throws InvalidRequestException on the field {@code selector} when the text is null or malformed
     */
    public static LabelSelector parse(String text) {
        if (text == null) {
            throw new InvalidRequestException("selector", "is required (use \"\" to select every VM)");
        }
        List<Requirement> parsed = new Parser(text).parse();
        return parsed.isEmpty() ? ALL : new LabelSelector(parsed);
    }

    /** Whether the labels satisfy every requirement of this selector. */
    public boolean matches(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    /** Whether this selector matches every set of labels. */
    public boolean isAll() {
        return requirements.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector that && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** The canonical text (see the class comment); empty for {@link #all()}. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::text).collect(Collectors.joining(","));
    }

    /** One requirement on one key. */
    private sealed interface Requirement {
        String key();

        boolean matches(Map<String, String> labels);

        String text();
    }

    private record Equals(String key, String value) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            return value.equals(labels.get(key));
        }

        public String text() {
            return key + "=" + value;
        }
    }

    private record NotEquals(String key, String value) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            return !value.equals(labels.get(key));
        }

        public String text() {
            return key + "!=" + value;
        }
    }

    private record In(String key, SortedSet<String> values) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return value != null && values.contains(value);
        }

        public String text() {
            return key + " in (" + String.join(",", values) + ")";
        }
    }

    private record NotIn(String key, SortedSet<String> values) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return value == null || !values.contains(value);
        }

        public String text() {
            return key + " notin (" + String.join(",", values) + ")";
        }
    }

    private record Exists(String key) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            return labels.containsKey(key);
        }

        public String text() {
            return key;
        }
    }

    private record NotExists(String key) implements Requirement {
        public boolean matches(Map<String, String> labels) {
            return !labels.containsKey(key);
        }

        public String text() {
            return "!" + key;
        }
    }

    /** A hand-written scanner: the grammar is small, and it lets every error name its column. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Requirement> parse() {
            List<Requirement> result = new ArrayList<>();
            skipSpace();
            if (atEnd()) {
                return result;
            }
            while (true) {
                result.add(requirement());
                skipSpace();
                if (atEnd()) {
                    return result;
                }
                expect(',', "',' or end of selector");
                skipSpace();
            }
        }

        private Requirement requirement() {
            if (!atEnd() && peek() == '!') {
                pos++;
                skipSpace();
                String key = key();
                skipSpace();
                if (!atEnd() && peek() != ',') {
                    throw error("expected ',' or end of selector after '!" + key + "', found " + found());
                }
                return new NotExists(key);
            }
            String key = key();
            skipSpace();
            if (atEnd() || peek() == ',') {
                return new Exists(key);
            }
            if (peek() == '=' || peek() == '!') {
                return equality(key);
            }
            if (isKeyChar(peek())) {
                int wordStart = pos;
                String word = word();
                if (word.equals("in") || word.equals("notin")) {
                    SortedSet<String> values = set(word);
                    return word.equals("in") ? new In(key, values) : new NotIn(key, values);
                }
                pos = wordStart;
                throw error("expected an operator (=, ==, !=, in, notin), ',' or end of selector after '" + key
                        + "', found '" + word + "'");
            }
            throw error("expected an operator (=, ==, !=, in, notin), ',' or end of selector after '" + key
                    + "', found " + found());
        }

        private Requirement equality(String key) {
            String operator;
            if (text.startsWith("==", pos)) {
                operator = "==";
            } else if (text.startsWith("!=", pos)) {
                operator = "!=";
            } else if (peek() == '=') {
                operator = "=";
            } else {
                throw error("expected '!=' after '" + key + "', found " + found());
            }
            pos += operator.length();
            skipSpace();
            // An empty value is allowed, but then what follows must end the requirement.
            if (!atEnd() && peek() != ',' && !isValueChar(peek())) {
                throw error("expected a value after '" + operator + "', found " + found());
            }
            String value = value();
            return operator.equals("!=") ? new NotEquals(key, value) : new Equals(key, value);
        }

        private SortedSet<String> set(String operator) {
            skipSpace();
            if (atEnd() || peek() != '(') {
                throw error("expected '(' after '" + operator + "', found " + found());
            }
            int open = pos + 1;
            pos++;
            SortedSet<String> values = new TreeSet<>();
            while (true) {
                skipSpace();
                if (atEnd() || !isValueChar(peek())) {
                    String why = !atEnd() && peek() == ')' && values.isEmpty() ? " (a set cannot be empty)" : "";
                    throw error("expected a value in the set opened at column " + open + ", found " + found() + why);
                }
                values.add(value());
                skipSpace();
                if (atEnd()) {
                    throw error("expected ',' or ')' to close the set opened at column " + open + ", found end of selector");
                }
                if (peek() == ')') {
                    pos++;
                    return Collections.unmodifiableSortedSet(values);
                }
                expect(',', "',' or ')' to close the set opened at column " + open);
            }
        }

        private String key() {
            int start = pos;
            while (!atEnd() && isKeyChar(peek())) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a key, found " + found());
            }
            String key = text.substring(start, pos);
            int slash = key.indexOf('/');
            if (slash >= 0) {
                checkPrefix(key, start, slash);
            }
            return key;
        }

        private void checkPrefix(String key, int start, int slash) {
            if (slash == 0) {
                throw errorAt(start, "expected a key prefix before '/'");
            }
            int second = key.indexOf('/', slash + 1);
            if (second >= 0) {
                throw errorAt(start + second, "expected a key name, found a second '/' (a key has at most one)");
            }
            if (slash == key.length() - 1) {
                throw errorAt(start + slash + 1, "expected a key name after '/', found " + found());
            }
            for (int i = 0; i < slash; i++) {
                char c = key.charAt(i);
                if (!(isAsciiLetterOrDigit(c) || c == '-' || c == '.')) {
                    throw errorAt(start + i, "expected a DNS prefix (letters, digits, '-', '.') before '/', found '" + c + "'");
                }
            }
        }

        private String value() {
            int start = pos;
            while (!atEnd() && isValueChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String word() {
            int start = pos;
            while (!atEnd() && isKeyChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void expect(char c, String what) {
            if (atEnd() || peek() != c) {
                throw error("expected " + what + ", found " + found());
            }
            pos++;
        }

        private void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private String found() {
            return atEnd() ? "end of selector" : "'" + peek() + "'";
        }

        private InvalidRequestException error(String what) {
            return errorAt(pos, what);
        }

        private static InvalidRequestException errorAt(int index, String what) {
            return new InvalidRequestException("selector", "column " + (index + 1) + ": " + what);
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        private static boolean isValueChar(char c) {
            return isAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
        }

        private static boolean isKeyChar(char c) {
            return isValueChar(c) || c == ':' || c == '/';
        }
    }
}
