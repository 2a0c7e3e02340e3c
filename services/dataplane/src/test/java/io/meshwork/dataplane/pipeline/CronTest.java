package io.meshwork.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronTest {

  static ZonedDateTime at(String iso) {
    return ZonedDateTime.parse(iso + "Z").withZoneSameInstant(ZoneOffset.UTC);
  }

  @Test
  void fiveFieldsWithListsRangesStepsAndNames() {
    Cron nightly = Cron.parse("0 2 * * *");
    assertThat(nightly.matches(at("2026-11-25T02:00"))).isTrue();
    assertThat(nightly.matches(at("2026-11-25T02:01"))).isFalse();
    Cron quarter = Cron.parse("*/15 8-18 * * mon-fri");
    assertThat(quarter.matches(at("2026-11-25T08:45"))).isTrue(); // a Wednesday
    assertThat(quarter.matches(at("2026-11-29T08:45"))).isFalse(); // a Sunday
    assertThat(quarter.matches(at("2026-11-25T08:50"))).isFalse();
    assertThat(Cron.parse("30 6 1,15 jan,jul *").matches(at("2026-07-15T06:30"))).isTrue();
    assertThat(Cron.parse("0 0 * * 7").matches(at("2026-11-29T00:00"))).isTrue();
  }

  @Test
  void sixFieldsLeadWithSecondsAndFiveFieldsFireAtSecondZero() {
    Cron everyTwoSeconds = Cron.parse("*/2 * * * * *");
    assertThat(everyTwoSeconds.matches(at("2026-11-25T08:45:04"))).isTrue();
    assertThat(everyTwoSeconds.matches(at("2026-11-25T08:45:05"))).isFalse();
    Cron atThirty = Cron.parse("30 0 2 * * *");
    assertThat(atThirty.matches(at("2026-11-25T02:00:30"))).isTrue();
    assertThat(atThirty.matches(at("2026-11-25T02:00:00"))).isFalse();
    Cron nightly = Cron.parse("0 2 * * *");
    assertThat(nightly.matches(at("2026-11-25T02:00:00"))).isTrue();
    assertThat(nightly.matches(at("2026-11-25T02:00:01"))).as("five fields fire once a minute, at second 0").isFalse();
    assertThatThrownBy(() -> Cron.parse("60 * * * * *")).hasMessageContaining("second");
    assertThatThrownBy(() -> Cron.parse("* * * * * * *")).hasMessageContaining("6 with a leading second");
  }

  @Test
  void aLateTickStillSeesTheSecondsItSkipped() {
    Cron atTen = Cron.parse("10 * * * * *");
    assertThat(atTen.firesBetween(at("2026-11-25T08:45:08"), at("2026-11-25T08:45:12"))).isTrue();
    assertThat(atTen.firesBetween(at("2026-11-25T08:45:11"), at("2026-11-25T08:45:59"))).isFalse();
    assertThat(atTen.firesBetween(at("2026-11-25T08:45:10"), at("2026-11-25T08:45:10"))).isTrue();
    assertThat(atTen.firesBetween(at("2026-11-25T08:45:11"), at("2026-11-25T08:45:10"))).as("an empty window").isFalse();
  }

  @Test
  void bothDayFieldsRestrictedMatchEither() {
    Cron cron = Cron.parse("0 0 1 * mon");
    assertThat(cron.matches(at("2026-12-01T00:00"))).isTrue(); // the 1st, a Tuesday
    assertThat(cron.matches(at("2026-11-30T00:00"))).isTrue(); // a Monday
    assertThat(cron.matches(at("2026-11-25T00:00"))).isFalse();
  }

  @Test
  void invalidSchedulesSayWhichField() {
    assertThatThrownBy(() -> Cron.parse("0 2 * *")).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> Cron.parse("61 2 * * *")).hasMessageContaining("minute");
    assertThatThrownBy(() -> Cron.parse("0 2 * foo *")).hasMessageContaining("month");
    assertThatThrownBy(() -> Cron.parse("*/0 * * * *")).hasMessageContaining("step");
  }
}
