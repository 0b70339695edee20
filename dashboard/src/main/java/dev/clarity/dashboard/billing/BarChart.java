package dev.clarity.dashboard.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A bar chart as inline SVG, drawn on the server (no script): one bar per label, scaled to the largest value, each
 * with its value above it and a {@code <title>} for screen readers. Labels and values are escaped.
 */
final class BarChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;

    private BarChart() {}

    static String svg(String title, Map<String, BigDecimal> bars) {
        BigDecimal max = bars.values().stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT + 40)
                .append("\" aria-label=\"")
                .append(esc(title))
                .append("\">");
        int n = Math.max(1, bars.size());
        int slot = WIDTH / n;
        int i = 0;
        for (var e : bars.entrySet()) {
            int h = max.signum() == 0
                    ? 0
                    : e.getValue()
                            .multiply(BigDecimal.valueOf(HEIGHT - 20))
                            .divide(max, 0, RoundingMode.HALF_EVEN)
                            .intValue();
            int x = i * slot + slot / 6;
            int w = Math.max(4, slot * 2 / 3);
            String value = e.getValue().stripTrailingZeros().toPlainString();
            s.append("<g><title>")
                    .append(esc(e.getKey() + ": " + value + " h"))
                    .append("</title>")
                    .append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(HEIGHT - h)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(h)
                    .append("\" fill=\"#3b6ea5\"/>")
                    .append("<text x=\"")
                    .append(x + w / 2)
                    .append("\" y=\"")
                    .append(HEIGHT - h - 4)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">")
                    .append(esc(value))
                    .append("</text>")
                    .append("<text x=\"")
                    .append(x + w / 2)
                    .append("\" y=\"")
                    .append(HEIGHT + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">")
                    .append(esc(e.getKey()))
                    .append("</text></g>");
            i++;
        }
        return s.append("</svg>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
