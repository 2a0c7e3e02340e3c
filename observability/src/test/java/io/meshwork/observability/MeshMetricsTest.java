package io.meshwork.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.observability.MeshMetrics.BatchOutcome;
import io.meshwork.observability.MeshMetrics.RowOutcome;
import io.meshwork.observability.MeshMetrics.SloLevel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeshMetricsTest {

  @Test
  void theMeshsMetersAppearInThePrometheusScrapeWithLowCardinalityLabels() {
    try (Telemetry telemetry = Telemetry.start("metrics-test")) {
      MeshMetrics metrics = telemetry.metrics();
      metrics.ingestionRows("orders", RowOutcome.VALID, 1000);
      metrics.ingestionRows("orders", RowOutcome.QUARANTINED, 3);
      metrics.batch("orders", BatchOutcome.COMMITTED);
      metrics.query("orders", true, Duration.ofMillis(12), 50);
      metrics.decision(true);
      metrics.decision(false);
      metrics.qualityRun("orders", false);
      metrics.sloStatus("orders", "orders-daily", SloLevel.BREACHED);

      String scrape = telemetry.meters().scrape();
      assertThat(scrape)
          .contains("meshwork_ingestion_rows_total{domain=\"orders\",outcome=\"valid\"} 1000.0")
          .contains("meshwork_ingestion_rows_total{domain=\"orders\",outcome=\"quarantined\"} 3.0")
          .contains("meshwork_ingestion_batches_total{domain=\"orders\",outcome=\"committed\"} 1.0")
          .contains("meshwork_query_duration_seconds_bucket{domain=\"orders\",outcome=\"ok\"")
          .contains("meshwork_query_rows_total{domain=\"orders\"} 50.0")
          .contains("meshwork_access_decisions_total{outcome=\"allow\"} 1.0")
          .contains("meshwork_access_decisions_total{outcome=\"deny\"} 1.0")
          .contains("meshwork_quality_runs_total{domain=\"orders\",outcome=\"failed\"} 1.0")
          .contains("meshwork_slo_status{domain=\"orders\",product=\"orders-daily\"} 2.0");
    }
  }

  @Test
  void aRunawayLabelIsFoldedIntoOther() {
    try (Telemetry telemetry = Telemetry.start("metrics-test")) {
      for (int i = 0; i < MeshMetrics.MAX_LABEL_VALUES + 20; i++) {
        telemetry.metrics().qualityRun("domain-" + i, true);
      }
      String scrape = telemetry.meters().scrape();
      assertThat(scrape).contains("domain=\"" + MeshMetrics.OTHER + "\"");
      assertThat(scrape.lines().filter(l -> l.startsWith("meshwork_quality_runs_total{")).count())
          .isEqualTo(MeshMetrics.MAX_LABEL_VALUES + 1);
    }
  }
}
