package io.meshwork.monitoring;

import java.time.Duration;

/**
 * How often monitoring looks, and how long it keeps what it saw.
 *
 * @param sloEvaluation       period of the SLO evaluation of every active product (it also runs on every batch event)
 * @param telemetrySample     period of the SRE telemetry samples taken from the node's meters
 * @param telemetryRetention  samples older than this are deleted (the telemetry_samples collection stays bounded)
 * @param usageRetention      hourly usage buckets older than this are deleted
 * @param service             the service name samples are filed under (OTEL_SERVICE_NAME of the node)
 * @param qualityScheduleTick how often the node checks which scheduled quality rules are due (a
 *                            check in memory; the finest schedule it can honour)
 */
public record MonitoringSettings(Duration sloEvaluation, Duration telemetrySample, Duration telemetryRetention,
    Duration usageRetention, String service, Duration qualityScheduleTick) {

  public MonitoringSettings(Duration sloEvaluation, Duration telemetrySample, Duration telemetryRetention, Duration usageRetention, String service) {
    this(sloEvaluation, telemetrySample, telemetryRetention, usageRetention, service, Duration.ofSeconds(1));
  }

  public MonitoringSettings {
    requirePositive(sloEvaluation, "the SLO evaluation period");
    requirePositive(telemetrySample, "the telemetry sample period");
    requirePositive(telemetryRetention, "the telemetry retention");
    requirePositive(usageRetention, "the usage retention");
    requirePositive(qualityScheduleTick, "the quality schedule tick");
    if (telemetryRetention.compareTo(telemetrySample) < 0) {
      throw new IllegalArgumentException("the telemetry retention must be at least one sample period");
    }
  }

  /** Every minute, samples every 15 s kept 24 h, usage kept 90 days, quality schedules checked every second. */
  public static MonitoringSettings defaults() {
    return new MonitoringSettings(Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofHours(24), Duration.ofDays(90), "meshwork-node");
  }

  public MonitoringSettings withPeriods(Duration sloEvaluation, Duration telemetrySample) {
    return new MonitoringSettings(sloEvaluation, telemetrySample, telemetryRetention, usageRetention, service, qualityScheduleTick);
  }

  public MonitoringSettings withQualityScheduleTick(Duration tick) {
    return new MonitoringSettings(sloEvaluation, telemetrySample, telemetryRetention, usageRetention, service, tick);
  }

  private static void requirePositive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }
}
