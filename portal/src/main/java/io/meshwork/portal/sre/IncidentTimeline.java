package io.meshwork.portal.sre;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Incidents on a time axis, as SVG drawn on the server: one lane per incident, a bar from when it opened
 * to when it was resolved (grey) or to now while it is open (red), over the last day or since the oldest
 * incident shown. Pure, so tested without a browser.
 */
final class IncidentTimeline {

    record Incident(String label, Instant openedAt, Instant resolvedAt) {

        boolean open() {
            return resolvedAt == null;
        }
    }

    private static final int WIDTH = 560;
    private static final int LABELS = 170;
    private static final int RIGHT = 10;
    private static final int LANE = 18;
    private static final int AXIS = 22;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private IncidentTimeline() {
    }

    static String svg(List<Incident> incidents, Instant now) {
        Instant from = incidents.stream().map(Incident::openedAt).min(Instant::compareTo)
                .filter(oldest -> oldest.isBefore(now.minus(Duration.ofDays(1)))).orElse(now.minus(Duration.ofDays(1)));
        int height = incidents.size() * LANE + AXIS;
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + WIDTH + " " + height
                + "' width='100%' style='max-width:" + WIDTH + "px' role='img'><title>Incidents, "
                + TIME.format(from) + " to " + TIME.format(now) + " UTC</title>");
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            double y = i * LANE + 3;
            double x1 = x(incident.openedAt(), from, now);
            double x2 = Math.max(x1 + 2, x(incident.open() ? now : incident.resolvedAt(), from, now));
            svg.append(String.format(Locale.ROOT, "<text x='0' y='%.1f' font-size='10' fill='#333'>%s</text>", y + 10,
                    LineChart.escape(shorten(incident.label()))));
            svg.append(String.format(Locale.ROOT,
                    "<rect class='incident-%s' x='%.1f' y='%.1f' width='%.1f' height='12' rx='2' fill='%s'><title>%s: %s – %s</title></rect>",
                    incident.open() ? "open" : "resolved", x1, y, x2 - x1, incident.open() ? "#c62828" : "#9e9e9e",
                    LineChart.escape(incident.label()), TIME.format(incident.openedAt()),
                    incident.open() ? "open" : TIME.format(incident.resolvedAt())));
        }
        double axis = incidents.size() * LANE + 4;
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#999' stroke-width='0.5'/>",
                LABELS, WIDTH - RIGHT, axis, axis));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='10' fill='#666'>%s</text>", LABELS, axis + 14,
                TIME.format(from)));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='10' fill='#666' text-anchor='end'>now</text>",
                WIDTH - RIGHT, axis + 14));
        return svg.append("</svg>").toString();
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = WIDTH - LABELS - RIGHT;
        long total = Math.max(1, Duration.between(from, to).toMillis());
        long offset = Math.max(0, Math.min(total, Duration.between(from, at).toMillis()));
        return LABELS + span * offset / total;
    }

    private static String shorten(String label) {
        return label.length() <= 28 ? label : label.substring(0, 27) + "…";
    }
}
