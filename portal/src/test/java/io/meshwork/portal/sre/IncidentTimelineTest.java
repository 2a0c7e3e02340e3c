package io.meshwork.portal.sre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incidents timeline's bars: where they start and end on the day's axis, open ones up to now. */
class IncidentTimelineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void anOpenIncidentRunsRedToNowAResolvedOneGreyToItsResolution() {
        String svg = IncidentTimeline.svg(List.of(
                new IncidentTimeline.Incident("orders-daily / order-lines", Instant.parse("2026-11-25T11:00:00Z"), null),
                new IncidentTimeline.Incident("cart-events / events", Instant.parse("2026-11-25T06:00:00Z"),
                        Instant.parse("2026-11-25T08:00:00Z"))), NOW);

        assertThat(svg).contains("<rect class='incident-open' x='534.2' y='3.0' width='15.8' height='12' rx='2' fill='#c62828'>"
                + "<title>orders-daily / order-lines: 11-25 11:00 – open</title>");
        assertThat(svg).contains("<rect class='incident-resolved' x='455.0' y='21.0' width='31.7' height='12' rx='2' fill='#9e9e9e'>"
                + "<title>cart-events / events: 11-25 06:00 – 11-25 08:00</title>");
        assertThat(svg).contains("<title>Incidents, 11-24 12:00 to 11-25 12:00 UTC</title>");
    }

    @Test
    void anIncidentOlderThanADayWidensTheAxisToIt() {
        String svg = IncidentTimeline.svg(List.of(
                new IncidentTimeline.Incident("a-very-long-product-name-indeed / port", Instant.parse("2026-11-23T12:00:00Z"), null)), NOW);

        assertThat(svg).contains("<title>Incidents, 11-23 12:00 to 11-25 12:00 UTC</title>")
                .contains("class='incident-open' x='170.0'").contains(">a-very-long-product-name-in…</text>");
    }
}
