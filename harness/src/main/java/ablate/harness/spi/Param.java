package ablate.harness.spi;

import java.util.List;

/**
 * A typed plugin parameter with a default and, for numbers, an inclusive range.
 */
public record Param(String name, Type type, Object defaultValue, Double min, Double max, List<String> choices,
                    String help) {
    public enum Type { INT, DOUBLE, BOOLEAN, STRING, CHOICE }

    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
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

    /** Human-readable range or choices, for listings. */
    public String domain() {
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
        String what = "parameter '" + name + "'";
        switch (type) {
            case INT -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new IllegalArgumentException(what + " must be an integer, got " + describe(value));
                }
                long v = ((Number) value).longValue();
                if (v < min || v > max) {
                    throw new IllegalArgumentException(what + " = " + v + " is outside " + domain());
                }
                return (int) v;
            }
            case DOUBLE -> {
                if (!(value instanceof Number)) {
                    throw new IllegalArgumentException(what + " must be a number, got " + describe(value));
                }
                double v = ((Number) value).doubleValue();
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(what + " = " + v + " is outside " + domain());
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
                    throw new IllegalArgumentException(what + " must be one of " + domain() + ", got " + describe(value));
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
