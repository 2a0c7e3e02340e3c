package io.meshwork.monitoring.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meshwork.model.contract.SlaProperty;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final Instant NOW = Instant.parse("2026-03-02T18:00:00Z");

  @Test
  void odcsUnitsInShortAndLongSpellings() {
    assertThat(SlaObjective.duration("4", "d")).contains(Duration.ofDays(4));
    assertThat(SlaObjective.duration("1", "days")).contains(Duration.ofDays(1));
    assertThat(SlaObjective.duration("3", "y")).contains(Duration.ofDays(3 * 365));
    assertThat(SlaObjective.duration("1.5", "h")).contains(Duration.ofMinutes(90));
    assertThat(SlaObjective.duration("30", "min")).contains(Duration.ofMinutes(30));
    assertThat(SlaObjective.duration("0", "d")).isEmpty();
    assertThat(SlaObjective.duration("-1", "d")).isEmpty();
    assertThat(SlaObjective.duration("x", "d")).isEmpty();
    assertThat(SlaObjective.duration("1", "fortnight")).isEmpty();
  }

  @Test
  void anUnreadableLatencyIsReportedNotMonitored() {
    SlaObjective objective = SlaObjective.of(new SlaProperty("latency", new TextNode("soon"), "d", null));
    assertThat(objective.monitored()).isFalse();
    Verdict verdict = Verdict.judge(objective, activity(null, NOW.minusSeconds(10)), NOW);
    assertThat(verdict.status()).isEqualTo(SloStatus.NOT_MONITORED);
    assertThat(verdict.reason()).contains("not understood");
  }

  @Test
  void timeOfAvailabilityWantsTheDaysDataByTheDeadline() {
    // 09:00 at UTC-08:00 = 17:00 UTC; now is 18:00 UTC, so today's deadline has passed
    SlaObjective toa = SlaObjective.of(new SlaProperty("timeOfAvailability", new TextNode("09:00-08:00"), null, null));
    assertThat(toa.monitored()).isTrue();
    Instant deadline = Instant.parse("2026-03-02T17:00:00Z");
    assertThat(Verdict.judge(toa, activity(deadline.minus(Duration.ofHours(3)), NOW.minus(Duration.ofDays(9))), NOW).status())
        .isEqualTo(SloStatus.OK);
    Verdict late = Verdict.judge(toa, activity(deadline.minus(Duration.ofHours(30)), NOW.minus(Duration.ofDays(9))), NOW);
    assertThat(late.status()).isEqualTo(SloStatus.BREACHED);
    assertThat(late.reason()).contains("time of availability 09:00-08:00");
    assertThat(Verdict.judge(toa, activity(null, NOW.minus(Duration.ofHours(2))), NOW).status()).isEqualTo(SloStatus.PENDING);
  }

  @Test
  void freshnessIsNowMinusTheLastBatch() {
    SlaObjective latency = SlaObjective.of(new SlaProperty("latency", new IntNode(4), "h", "order_lines.placed_at"));
    Verdict ok = Verdict.judge(latency, activity(NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofDays(1))), NOW);
    assertThat(ok.status()).isEqualTo(SloStatus.OK);
    assertThat(ok.measured()).isEqualTo(Duration.ofHours(3));
    Verdict stale = Verdict.judge(latency, activity(NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofDays(1))), NOW);
    assertThat(stale.status()).isEqualTo(SloStatus.BREACHED);
    assertThat(stale.reason()).isEqualTo("no batch committed for 5 h; the contract promises latency 4 h");
  }

  @Test
  void otherPropertiesAreListedButNotMonitored() {
    for (String property : new String[] {"retention", "availability", "generalAvailability", "endOfSupport"}) {
      SlaObjective objective = SlaObjective.of(new SlaProperty(property, new IntNode(3), "y", null));
      assertThat(Verdict.judge(objective, activity(null, NOW), NOW).status()).isEqualTo(SloStatus.NOT_MONITORED);
    }
  }

  private static PortActivity activity(Instant lastBatch, Instant firstSeen) {
    return new PortActivity("p", "port", firstSeen, lastBatch, lastBatch == null ? null : "b-1", lastBatch == null ? 0 : 10, lastBatch == null ? 0 : 1, null);
  }
}
