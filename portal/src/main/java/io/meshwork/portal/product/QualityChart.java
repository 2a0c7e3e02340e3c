package io.meshwork.portal.product;

import java.util.List;
import java.util.Locale;

/**
 * The quality score over time as an SVG line chart (0–100, oldest run on the left), with a dot and a
 * tooltip per run. Pure: the markup is a function of the points, so it is tested without a browser.
 */
final class QualityChart {

    /** One run: when (as written by the node) and its score. */
    record Point(String at, double score) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    private static final int LEFT = 36;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private QualityChart() {
    }

    static String svg(List<Point> oldestFirst) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' width='100%' style='max-width:").append(WIDTH).append("px' role='img'>")
                .append("<title>Quality score of the last ").append(oldestFirst.size()).append(" runs</title>");
        for (int score = 0; score <= 100; score += 25) {
            double y = y(score);
            svg.append(String.format(Locale.ROOT,
                    "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ccc' stroke-width='0.5'/>"
                            + "<text x='%d' y='%.1f' font-size='10' text-anchor='end' fill='#666'>%d</text>",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 4, y + 3, score));
        }
        if (!oldestFirst.isEmpty()) {
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < oldestFirst.size(); i++) {
                Point point = oldestFirst.get(i);
                double x = x(i, oldestFirst.size());
                double y = y(point.score());
                path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                dots.append(String.format(Locale.ROOT,
                        "<circle class='quality-point' cx='%.1f' cy='%.1f' r='3.5' fill='%s'><title>%s: %.1f</title></circle>",
                        x, y, point.score() >= 90 ? "#1a7f37" : point.score() >= 70 ? "#b58100" : "#c62828",
                        Svg.escape(point.at()), point.score()));
            }
            svg.append("<path d='").append(path).append("' fill='none' stroke='#1676f3' stroke-width='2'/>").append(dots);
            svg.append("<text x='").append(LEFT).append("' y='").append(HEIGHT - 8).append("' font-size='10' fill='#666'>")
                    .append(Svg.escape(shortTime(oldestFirst.get(0).at()))).append("</text>");
            svg.append("<text x='").append(WIDTH - RIGHT).append("' y='").append(HEIGHT - 8)
                    .append("' font-size='10' text-anchor='end' fill='#666'>")
                    .append(Svg.escape(shortTime(oldestFirst.get(oldestFirst.size() - 1).at()))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static double x(int index, int count) {
        double span = WIDTH - LEFT - RIGHT;
        return count <= 1 ? LEFT + span / 2 : LEFT + span * index / (count - 1);
    }

    private static double y(double score) {
        double clamped = Math.max(0, Math.min(100, score));
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - clamped / 100);
    }

    private static String shortTime(String at) {
        return at.length() >= 16 ? at.substring(0, 16).replace('T', ' ') : at;
    }
}
