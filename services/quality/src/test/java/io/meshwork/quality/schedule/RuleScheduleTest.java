package io.meshwork.quality.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwork.model.contract.QualityRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a rule's ODCS {@code scheduler}/{@code schedule}, and when it is due. */
class RuleScheduleTest {

  /** A cron reader that understands "every minute at second 0" and "every 5 s", like the node's does. */
  private static final CronParser CRON = expression -> switch (expression) {
    case "* * * * *" -> t -> t.getSecond() == 0;
    case "*/5 * * * * *" -> t -> t.getSecond() % 5 == 0;
    default -> throw new IllegalArgumentException("bad cron '" + expression + "'");
  };
  private static final Instant T0 = Instant.parse("2026-11-25T20:00:00Z");

  @Test
  void anIntervalIsDueOnceItsPeriodHasPassedSinceTheLastRun() {
    RuleSchedule every = schedule("{scheduler: interval, schedule: 30s}").orElseThrow();
    assertThat(every).isEqualTo(new RuleSchedule.Interval(Duration.ofSeconds(30), "interval 30s"));
    assertThat(every.due(T0, T0, T0.plusSeconds(29))).isFalse();
    assertThat(every.due(T0, T0, T0.plusSeconds(30))).isTrue();
    assertThat(schedule("{scheduler: interval, schedule: PT15M}").orElseThrow()).isEqualTo(new RuleSchedule.Interval(Duration.ofMinutes(15), "interval PT15M"));
    assertThat(schedule("{schedule: 2h}").orElseThrow()).as("no scheduler: a period is an interval").isEqualTo(new RuleSchedule.Interval(Duration.ofHours(2), "interval 2h"));
  }

  @Test
  void aCronScheduleIsDueWhenItFiredSinceTheLastCheck() {
    RuleSchedule minutely = schedule("{scheduler: cron, schedule: '* * * * *'}").orElseThrow();
    assertThat(minutely.due(T0, T0, T0.plusSeconds(59))).as("fired at 20:00:00, checked already").isFalse();
    assertThat(minutely.due(T0.plusSeconds(59), T0, T0.plusSeconds(61))).isTrue();
    RuleSchedule fiveSeconds = schedule("{scheduler: cron, schedule: '*/5 * * * * *'}").orElseThrow();
    assertThat(fiveSeconds.due(T0, T0, T0.plusSeconds(4))).isFalse();
    assertThat(fiveSeconds.due(T0.plusSeconds(4), T0, T0.plusSeconds(5))).isTrue();
    assertThat(schedule("{scheduleCronExpression: '* * * * *'}")).as("the ODCS v2 spelling").isPresent();
    assertThat(schedule("{schedule: '* * * * *'}").orElseThrow()).as("no scheduler: five fields are cron").isInstanceOf(RuleSchedule.Cron.class);
  }

  @Test
  void otherSchedulersAreLeftToTheirToolAndBadSchedulesSayWhy() {
    assertThat(schedule("{metric: rowCount, mustBe: 1}")).isEmpty();
    assertThat(schedule("{scheduler: airflow, schedule: nightly-dq}")).isEmpty();
    assertThatThrownBy(() -> schedule("{scheduler: cron, schedule: 'every day'}")).hasMessageContaining("bad cron");
    assertThatThrownBy(() -> schedule("{scheduler: interval, schedule: soon}")).hasMessageContaining("neither like 30s");
    assertThatThrownBy(() -> schedule("{scheduler: interval, schedule: PT0.1S}")).hasMessageContaining("shorter than a second");
    assertThatThrownBy(() -> schedule("{scheduler: cron}")).hasMessageContaining("needs a schedule");
  }

  private static Optional<RuleSchedule> schedule(String yaml) {
    try {
      ObjectNode rule = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(yaml);
      return RuleSchedule.of(new QualityRule(null, "library", "rowCount", null, null, null, null, rule), CRON);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
