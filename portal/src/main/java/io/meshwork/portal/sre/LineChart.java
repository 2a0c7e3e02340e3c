package io.meshwork.portal.sre;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A small time-series line chart as SVG, drawn on the server: several named series over a shared time
 * axis, the y axis from zero to the largest value. Pure, so tested without a browser.
 */
final class LineChart {

    record Point(Instant at, double value) {
    }

    record Series(String name, String colour, List<Point> points) {
        Series {
            points = List.copyOf(points);
        }
    }

    static final String[] COLOURS = {"#1676f3", "#c62828", "#1a7f37", "#b58100", "#6a1b9a", "#00838f"};
    private static final int WIDTH = 560;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 40;
    /** Series with up to this many points get a dot per point. */
    private static final int MARKED = 120;

    private LineChart() {
    }

    static boolean hasData(List<Series> series) {
        return series.stream().anyMatch(s -> !s.points().isEmpty());
    }

    static String svg(String title, String unit, List<Series> series) {
        long from = series.stream().flatMap(s -> s.points().stream()).mapToLong(p -> p.at().toEpochMilli()).min().orElse(0);
        long to = series.stream().flatMap(s -> s.points().stream()).mapToLong(p -> p.at().toEpochMilli()).max().orElse(1);
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::value).max().orElse(0);
        double top = niceCeiling(max);
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + WIDTH + " " + HEIGHT
                + "' width='100%' style='max-width:" + WIDTH + "px' role='img'><title>" + escape(title) + "</title>");
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = y(value, top);
            svg.append(String.format(Locale.ROOT,
                    "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd' stroke-width='0.5'/>"
                            + "<text x='%d' y='%.1f' font-size='10' text-anchor='end' fill='#666'>%s</text>",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 4, y + 3, format(value)));
        }
        svg.append("<text x='4' y='").append(TOP + 8).append("' font-size='10' fill='#666'>").append(escape(unit)).append("</text>");
        int legendX = LEFT;
        for (Series s : series) {
            if (s.points().isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.points().size(); i++) {
                Point p = s.points().get(i);
                path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(p.at().toEpochMilli(), from, to),
                        y(p.value(), top)));
            }
            svg.append("<path class='chart-series' d='").append(path).append("' fill='none' stroke='").append(s.colour())
                    .append("' stroke-width='2'><title>").append(escape(s.name())).append("</title></path>");
            if (s.points().size() <= MARKED) {
                // a dot per sample: a series of one sample is no line at all, and sparse ones read better
                for (Point p : s.points()) {
                    svg.append(String.format(Locale.ROOT, "<circle class='chart-point' cx='%.1f' cy='%.1f' r='2.5' fill='%s'/>",
                            x(p.at().toEpochMilli(), from, to), y(p.value(), top), s.colour()));
                }
            }
            svg.append("<rect x='").append(legendX).append("' y='").append(HEIGHT - 12).append("' width='10' height='10' fill='")
                    .append(s.colour()).append("'/><text x='").append(legendX + 14).append("' y='").append(HEIGHT - 3)
                    .append("' font-size='10' fill='#333'>").append(escape(s.name())).append("</text>");
            legendX += 24 + Math.min(s.name().length(), 28) * 6;
        }
        return svg.append("</svg>").toString();
    }

    private static double x(long at, long from, long to) {
        double span = WIDTH - LEFT - RIGHT;
        return to == from ? LEFT + span / 2 : LEFT + span * (at - from) / (to - from);
    }

    private static double y(double value, double top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (top <= 0 ? 0 : value / top));
    }

    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
