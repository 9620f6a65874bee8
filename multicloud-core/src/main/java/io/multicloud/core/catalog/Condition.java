package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One filter on one offer field, in the form a request file holds ({@code {field: costPerHour, le: 40}}):
 * exactly one operator is set. Numbers: {@code lt}, {@code le}, {@code eq}, {@code ge}, {@code gt},
 * {@code between: [low, high]} (inclusive). Text, case-insensitive: {@code is}, {@code oneOf},
 * {@code notOneOf}, {@code contains}, {@code regex} (found anywhere; anchor it with ^...$).
 * Zero is a value ({@code acceleratorCount eq 0} keeps CPU-only specs); an unknown (NaN) number
 * never passes.
 */
public record Condition(String field, Double lt, Double le, Double eq, Double ge, Double gt, List<Double> between,
                        String is, List<String> oneOf, List<String> notOneOf, String contains, String regex) {

    public Condition {
        Field f = Field.of(field);
        field = f.key();
        between = between == null ? null : List.copyOf(between);
        oneOf = oneOf == null ? null : List.copyOf(oneOf);
        notOneOf = notOneOf == null ? null : List.copyOf(notOneOf);
        int ops = count(lt, le, eq, ge, gt, between, is, oneOf, notOneOf, contains, regex);
        if (ops != 1) {
            throw new InvalidRequestException("where." + field, "a condition takes exactly one operator, not " + ops);
        }
        boolean numericOp = lt != null || le != null || eq != null || ge != null || gt != null || between != null;
        if (numericOp != f.numeric()) {
            throw new InvalidRequestException("where." + field, f.numeric()
                    ? "'" + field + "' is a number: use lt, le, eq, ge, gt or between"
                    : "'" + field + "' is text: use is, oneOf, notOneOf, contains or regex");
        }
        for (Double d : new Double[] {lt, le, eq, ge, gt}) {
            if (d != null && d.isNaN()) {
                throw new InvalidRequestException("where." + field, "NaN is not a bound");
            }
        }
        if (between != null && (between.size() != 2 || between.get(0) > between.get(1))) {
            throw new InvalidRequestException("where." + field, "between takes [low, high] with low <= high, not " + between);
        }
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidRequestException("where." + field, "not a regular expression: " + e.getDescription());
            }
        }
    }

    private static int count(Object... values) {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }

    /** The field. */
    public Field fieldEnum() {
        return Field.of(field);
    }

    /** The lowest and highest value that pass and whether each bound is itself allowed, for numbers. */
    double[] range() {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        boolean loIn = true;
        boolean hiIn = true;
        if (lt != null) {
            hi = lt;
            hiIn = false;
        } else if (le != null) {
            hi = le;
        } else if (eq != null) {
            lo = eq;
            hi = eq;
        } else if (ge != null) {
            lo = ge;
        } else if (gt != null) {
            lo = gt;
            loIn = false;
        } else if (between != null) {
            lo = between.get(0);
            hi = between.get(1);
        }
        return new double[] {lo, hi, loIn ? 1 : 0, hiIn ? 1 : 0};
    }

    /** Whether a number passes. */
    boolean test(double v) {
        double[] r = range();
        return (r[2] == 1 ? v >= r[0] : v > r[0]) && (r[3] == 1 ? v <= r[1] : v < r[1]);
    }

    /** A text matcher (case-insensitive) for text conditions. */
    java.util.function.Predicate<String> textMatcher() {
        if (is != null) {
            return v -> v.equalsIgnoreCase(is);
        }
        if (oneOf != null) {
            List<String> lower = lower(oneOf);
            return v -> lower.contains(v.toLowerCase(Locale.ROOT));
        }
        if (notOneOf != null) {
            List<String> lower = lower(notOneOf);
            return v -> !lower.contains(v.toLowerCase(Locale.ROOT));
        }
        if (contains != null) {
            String c = contains.toLowerCase(Locale.ROOT);
            return v -> v.toLowerCase(Locale.ROOT).contains(c);
        }
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return v -> p.matcher(v).find();
    }

    /** Whether it is a negative condition (passes what does not match); for multi-valued fields all values must pass. */
    boolean negative() {
        return notOneOf != null;
    }

    private static List<String> lower(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v == null ? "" : v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The condition as people write it: {@code costPerHour <= 40}. */
    public String describe() {
        if (lt != null) {
            return field + " < " + Offer.num(lt);
        }
        if (le != null) {
            return field + " <= " + Offer.num(le);
        }
        if (eq != null) {
            return field + " == " + Offer.num(eq);
        }
        if (ge != null) {
            return field + " >= " + Offer.num(ge);
        }
        if (gt != null) {
            return field + " > " + Offer.num(gt);
        }
        if (between != null) {
            return field + " between " + Offer.num(between.get(0)) + " and " + Offer.num(between.get(1));
        }
        if (is != null) {
            return field + " is '" + is + "'";
        }
        if (oneOf != null) {
            return field + " one of " + oneOf;
        }
        if (notOneOf != null) {
            return field + " not one of " + notOneOf;
        }
        if (contains != null) {
            return field + " contains '" + contains + "'";
        }
        return field + " matches /" + regex + "/";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** {@code field < value}. */
    public static Condition lt(String field, double v) {
        return new Condition(field, v, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code field <= value}. */
    public static Condition le(String field, double v) {
        return new Condition(field, null, v, null, null, null, null, null, null, null, null, null);
    }

    /** {@code field == value}. */
    public static Condition eq(String field, double v) {
        return new Condition(field, null, null, v, null, null, null, null, null, null, null, null);
    }

    /** {@code field >= value}. */
    public static Condition ge(String field, double v) {
        return new Condition(field, null, null, null, v, null, null, null, null, null, null, null);
    }

    /** {@code field > value}. */
    public static Condition gt(String field, double v) {
        return new Condition(field, null, null, null, null, v, null, null, null, null, null, null);
    }

    /** {@code low <= field <= high}. */
    public static Condition between(String field, double low, double high) {
        return new Condition(field, null, null, null, null, null, List.of(low, high), null, null, null, null, null);
    }

    /** Text equal to the value, ignoring case. */
    public static Condition is(String field, String value) {
        return new Condition(field, null, null, null, null, null, null, value, null, null, null, null);
    }

    /** Text equal to one of the values, ignoring case. */
    public static Condition oneOf(String field, List<String> values) {
        return new Condition(field, null, null, null, null, null, null, null, values, null, null, null);
    }

    /** Text equal to none of the values, ignoring case. */
    public static Condition notOneOf(String field, List<String> values) {
        return new Condition(field, null, null, null, null, null, null, null, null, values, null, null);
    }

    /** Text containing the value, ignoring case. */
    public static Condition contains(String field, String value) {
        return new Condition(field, null, null, null, null, null, null, null, null, null, value, null);
    }

    /** Text in which the regular expression is found, ignoring case. */
    public static Condition regex(String field, String pattern) {
        return new Condition(field, null, null, null, null, null, null, null, null, null, null, pattern);
    }
}
