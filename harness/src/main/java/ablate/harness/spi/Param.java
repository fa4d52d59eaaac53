package ablate.harness.spi;

import java.util.List;
import java.util.function.Predicate;

/**
 * A typed plugin parameter with a default and, for numbers, an inclusive range; optionally a rule its values
 * must also follow ({@link #must}), so that a suite breaking it fails at load, naming file, line and key,
 * instead of failing every trial.
 *
 * @param rule  what {@code check} requires, as words completing "must ..." (e.g. {@code be odd}); null if none
 * @param check the rule, applied to the value after type and range checks (so it may cast); null if none
 */
public record Param(String name, Type type, Object defaultValue, Double min, Double max, List<String> choices,
                    String help, String rule, Predicate<Object> check) {
    public enum Type { INT, DOUBLE, BOOLEAN, STRING, CHOICE }

    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
        if ((rule == null) != (check == null)) {
            throw new IllegalArgumentException("parameter '" + name + "': a rule needs both its words and its check");
        }
        if (check != null && !check.test(defaultValue)) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue + " breaks its rule: must " + rule);
        }
    }

    public Param(String name, Type type, Object defaultValue, Double min, Double max, List<String> choices, String help) {
        this(name, type, defaultValue, min, max, choices, help, null, null);
    }

    /**
     * This parameter with a rule beyond type and range, e.g. {@code Param.integer("kernel", 7, 1, 15, "...")
     * .must("be odd", v -> (Integer) v % 2 == 1)}. {@code rule} completes "must ..." in the error message.
     */
    public Param must(String rule, Predicate<Object> check) {
        Predicate<Object> all = this.check == null ? check : this.check.and(check);
        String words = this.rule == null ? rule : this.rule + " and " + rule;
        return new Param(name, type, defaultValue, min, max, choices, help, words, all);
    }

    public static Param integer(String name, int defaultValue, int min, int max, String help) {
        return new Param(name, Type.INT, defaultValue, (double) min, (double) max, null, help);
    }

    public static Param real(String name, double defaultValue, double min, double max, String help) {
        return new Param(name, Type.DOUBLE, defaultValue, min, max, null, help);
    }

    public static Param bool(String name, boolean defaultValue, String help) {
        return new Param(name, Type.BOOLEAN, defaultValue, null, null, null, help);
    }

    public static Param text(String name, String defaultValue, String help) {
        return new Param(name, Type.STRING, defaultValue, null, null, null, help);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String help) {
        return new Param(name, Type.CHOICE, defaultValue, null, null, choices, help);
    }

    /** Human-readable range or choices, and the rule if any, for listings. */
    public String domain() {
        return rule == null ? typeDomain() : typeDomain() + ", must " + rule;
    }

    private String typeDomain() {
        return switch (type) {
            case INT -> "[" + (long) min.doubleValue() + ", " + (long) max.doubleValue() + "]";
            case DOUBLE -> "[" + min + ", " + max + "]";
            case BOOLEAN -> "true|false";
            case STRING -> "text";
            case CHOICE -> String.join("|", choices);
        };
    }

    /**
     * Converts a suite value (from YAML: Integer, Long, Double, Boolean or String) to this parameter's type.
     *
     * @throws IllegalArgumentException with a message fit for one line of stderr
     */
    public Object coerce(Object value) {
        Object v = coerceType(value);
        if (check != null && !check.test(v)) {
            throw new IllegalArgumentException("parameter '" + name + "' must " + rule + ", got " + describe(v));
        }
        return v;
    }

    private Object coerceType(Object value) {
        String what = "parameter '" + name + "'";
        switch (type) {
            case INT -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new IllegalArgumentException(what + " must be an integer, got " + describe(value));
                }
                long v = ((Number) value).longValue();
                if (v < min || v > max) {
                    throw new IllegalArgumentException(what + " = " + v + " is outside " + typeDomain());
                }
                return (int) v;
            }
            case DOUBLE -> {
                if (!(value instanceof Number)) {
                    throw new IllegalArgumentException(what + " must be a number, got " + describe(value));
                }
                double v = ((Number) value).doubleValue();
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(what + " = " + v + " is outside " + typeDomain());
                }
                return v;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw new IllegalArgumentException(what + " must be true or false, got " + describe(value));
                }
                return value;
            }
            case STRING -> {
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException(what + " must be text, got " + describe(value));
                }
                return value;
            }
            case CHOICE -> {
                if (!(value instanceof String s) || !choices.contains(s)) {
                    throw new IllegalArgumentException(what + " must be one of " + typeDomain() + ", got " + describe(value));
                }
                return value;
            }
            default -> throw new AssertionError(type);
        }
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
