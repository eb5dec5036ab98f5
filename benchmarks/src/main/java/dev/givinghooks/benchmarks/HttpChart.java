package dev.givinghooks.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws the HTTP benchmark's throughput as a grouped bar chart in SVG: one group per adapter. */
final class HttpChart {
    private static final List<String> ROWS = List.of("bare 1 KiB", "floor 1 KiB", "verified 1 KiB", "duplicates 1 KiB",
            "verified 1 KiB, in memory, beside the stores", "verified 1 KiB, Redis", "verified 1 KiB, Redis by hand",
            "verified 1 KiB, Redis batched by hand", "verified 1 KiB, Redis, Lettuce store", "verified 1 KiB, PostgreSQL", "bare 16 KiB",
            "floor 16 KiB", "verified 16 KiB");
    private static final List<String> COLOURS = List.of("#9e9e9e", "#616161", "#1565c0", "#64b5f6", "#0d47a1", "#c62828", "#ef9a9a", "#ffcdd2",
            "#ad1457", "#2e7d32", "#cfcfcf", "#a0a0a0", "#5e35b1");
    private static final int BAR = 18;
    private static final int GAP = 28;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int HEIGHT = 260;

    private HttpChart() {
    }

    static String svg(Map<String, Map<String, HttpBenchmark.Figures>> results, int connections) {
        double max = results.values().stream().flatMap(rows -> rows.values().stream())
                .mapToDouble(HttpBenchmark.Figures::requestsPerSecond).max().orElse(1);
        double scale = niceCeiling(max);
        int groupWidth = ROWS.size() * BAR + GAP;
        int width = LEFT + results.size() * groupWidth + 240;
        int height = TOP + HEIGHT + 50;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                        + "<text x=\"%d\" y=\"20\" font-size=\"14\">Requests per second, %d connections, server on one core"
                        + " (medians; higher is better)</text>\n", width, height, LEFT, connections));
        for (int tick = 0; tick <= 4; tick++) {
            double value = scale * tick / 4;
            int y = TOP + HEIGHT - (int) Math.round(HEIGHT * value / scale);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,.0f</text>\n", LEFT, y, LEFT + results.size() * groupWidth, y,
                    LEFT - 6, y + 4, value));
        }
        int x = LEFT + GAP / 2;
        for (Map.Entry<String, Map<String, HttpBenchmark.Figures>> adapter : results.entrySet()) {
            for (int i = 0; i < ROWS.size(); i++) {
                HttpBenchmark.Figures figures = adapter.getValue().get(ROWS.get(i));
                if (figures != null) {
                    int h = (int) Math.round(HEIGHT * figures.requestsPerSecond() / scale);
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s %s: %,.0f req/s, p99 %.2f ms</title></rect>\n", x + i * BAR, TOP + HEIGHT - h, BAR - 2, h,
                            COLOURS.get(i), adapter.getKey(), ROWS.get(i), figures.requestsPerSecond(), figures.p99Millis()));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x + ROWS.size() * BAR / 2, TOP + HEIGHT + 18, adapter.getKey()));
            x += groupWidth;
        }
        int legendX = LEFT + results.size() * groupWidth + 20;
        for (int i = 0; i < ROWS.size(); i++) {
            int y = TOP + 10 + i * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", legendX, y, COLOURS.get(i), legendX + 18, y + 10, ROWS.get(i)));
        }
        return svg.append("</svg>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least the value. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
