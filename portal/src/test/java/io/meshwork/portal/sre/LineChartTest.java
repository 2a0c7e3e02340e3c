package io.meshwork.portal.sre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's SVG chart: scale, series and labels, escaped. */
class LineChartTest {

    @Test
    void theScaleEndsAtANiceNumberAboveTheLargestValue() {
        assertThat(LineChart.niceCeiling(0)).isEqualTo(1);
        assertThat(LineChart.niceCeiling(7.3)).isEqualTo(10);
        assertThat(LineChart.niceCeiling(130)).isEqualTo(200);
        assertThat(LineChart.niceCeiling(2400)).isEqualTo(2500);
    }

    @Test
    void eachSeriesWithPointsIsAPathWithItsNameInTheLegend() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        String svg = LineChart.svg("Rows <per> second", "rows/s", List.of(
                new LineChart.Series("orders", "#1676f3", List.of(new LineChart.Point(t, 10), new LineChart.Point(t.plusSeconds(60), 40))),
                new LineChart.Series("carts", "#c62828", List.of())));

        assertThat(svg).contains("<title>Rows &lt;per&gt; second</title>").contains("class='chart-series'")
                .contains(">orders</text>").doesNotContain(">carts</text>").contains(">50</text>");
        assertThat(LineChart.hasData(List.of(new LineChart.Series("x", "#000", List.of())))).isFalse();
    }

    @Test
    void aSingleSampleIsADotNotAnInvisibleLine() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        String svg = LineChart.svg("Ingestion", "rows/s", List.of(
                new LineChart.Series("orders", "#1676f3", List.of(new LineChart.Point(t, 120)))));

        assertThat(svg).contains("d='M299.0 70.0'").contains("<circle class='chart-point' cx='299.0' cy='70.0' r='2.5' fill='#1676f3'/>");
    }
}
