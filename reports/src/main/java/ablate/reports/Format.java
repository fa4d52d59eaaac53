package ablate.reports;

import java.util.Locale;

/** Number formatting shared by the reports: locale-independent, with a dash for undefined values. */
public final class Format {
    public static final String NONE = "—";

    private Format() {
    }

    /**
     * A setting as a person writes it, for variant names, parameters and tables: {@code 0.0005}, {@code 0.05},
     * {@code 4}, and a power of ten below 0.001 or anything below 0.0001 (or from 10 million) in short scientific form,
     * {@code 1e-4}, {@code 2.5e-6} — never Java's {@code 5.0E-4}. Anything but a floating-point number is unchanged.
     */
    public static String value(Object o) {
        if (!(o instanceof Double) && !(o instanceof Float)) {
            return String.valueOf(o);
        }
        double v = ((Number) o).doubleValue();
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        // Float's own shortest decimal, so 5e-4f is not written 0.0005000000237
        java.math.BigDecimal b = new java.math.BigDecimal(o instanceof Float f ? Float.toString(f) : Double.toString(v))
                .stripTrailingZeros();
        double a = Math.abs(v);
        boolean powerOfTen = b.unscaledValue().abs().equals(java.math.BigInteger.ONE);
        if (a < 1e-4 || a >= 1e7 || powerOfTen && a < 1e-3) {
            int exp = b.precision() - b.scale() - 1;
            return b.movePointLeft(exp).stripTrailingZeros().toPlainString() + "e" + exp;
        }
        return b.toPlainString();
    }

    /** A metric value: 4 decimals below 10, fewer above, scientific below 0.0001; a dash for NaN. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? NONE : v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        int decimals = a == 0 ? 0 : a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 0.0001 ? 4 : -1;
        String s = decimals < 0 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.replace('-', '−');
    }

    /** Like {@link #num} with an explicit sign. */
    public static String signed(double v) {
        String s = num(v);
        return v > 0 && Double.isFinite(v) ? "+" + s : s;
    }

    /** A p-value: 3 significant digits, {@code <0.001} below that. */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return NONE;
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, p < 0.01 ? "%.4f" : "%.3f", p);
    }

    /** {@code p=0.0123} or {@code p<0.001}. */
    public static String pEquals(double p) {
        String s = p(p);
        return s.startsWith("<") ? "p" + s : "p=" + s;
    }

    /** An axis tick: up to 4 significant digits, trailing zeros dropped. */
    public static String tick(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * An axis tick {@code step} apart from its neighbours: with as many decimals as the step needs, so neighbouring
     * labels always differ (ten ticks 0.0002 apart are not all "0.8"); {@link #tick(double)} when the step is unknown.
     */
    public static String tick(double v, double step) {
        if (!Double.isFinite(v) || !(step > 0) || !Double.isFinite(step)) {
            return tick(v);
        }
        int d = Math.max(0, decimalsOf(step));
        String s = new java.math.BigDecimal(v).setScale(d, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") || s.equals("0.0") ? "0" : s;
    }

    /** A count tick {@code step} apart: like {@link #count}, with enough decimals in its k/M/G unit to tell neighbours apart. */
    public static String count(double v, double step) {
        String coarse = count(v);
        if (!Double.isFinite(v) || v < 10_000 || !(step > 0) || !Double.isFinite(step)) {
            return coarse;
        }
        String[] units = {"k", "M", "G", "T"};
        double a = v;
        double st = step;
        int u = -1;
        while (a >= 1000 && u < units.length - 1) {
            a /= 1000;
            st /= 1000;
            u++;
        }
        int d = Math.max(a >= 100 ? 0 : 1, decimalsOf(st));
        return String.format(Locale.ROOT, "%." + Math.min(d, 6) + "f%s", a, units[u]);
    }

    /** The fewest decimals (0..8) that write {@code step} exactly, e.g. 2 for 0.25, 0 for 20; negative never. */
    static int decimalsOf(double step) {
        for (int d = 0; d < 8; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
                return d;
            }
        }
        return 8;
    }

    /** A count with thin grouping and a k/M/G suffix above 10,000 (e.g. {@code 272.5k}). */
    public static String count(double v) {
        if (!Double.isFinite(v) || v < 0) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a < 10_000) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        String[] units = {"k", "M", "G", "T"};
        int u = -1;
        while (a >= 1000 && u < units.length - 1) {
            a /= 1000;
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f%s" : "%.1f%s", v, units[u]);
    }

    /** Bytes in binary units ({@code 512 MiB}); a dash when unknown (negative). */
    public static String bytes(long b) {
        if (b < 0) {
            return NONE;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 || v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** Seconds as {@code 12.3 s}, {@code 4 min 05 s} or {@code 1 h 02 min}. */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return NONE;
        }
        if (s < 60) {
            return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
        }
        long t = Math.round(s);
        return t < 3600 ? String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60)
                : String.format(Locale.ROOT, "%d h %02d min", t / 3600, (t % 3600) / 60);
    }

    /** Milliseconds with 3 significant digits. */
    public static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return NONE;
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }
}
