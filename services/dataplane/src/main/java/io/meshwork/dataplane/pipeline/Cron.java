package io.meshwork.dataplane.pipeline;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;

/**
 * A cron schedule: the classic five fields — minute, hour, day of month, month, day of week (0 or 7 =
 * Sunday) — or six with a leading second, as in Spring and Quartz ({@code "*&#47;30 * * * * *"}: every
 * 30 seconds); five fields fire at second 0. Fields take {@code *}, lists, ranges, steps and the names of
 * months and days. As in Vixie cron, when both day fields are restricted a day matches either.
 * Evaluated in UTC by the scheduler, which looks at every second.
 */
public record Cron(String text, BitSet seconds, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays, boolean anyDay,
    boolean anyWeekday) {

  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final String[] WEEKDAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

  /** @throws IllegalArgumentException saying which field is wrong */
  public static Cron parse(String text) {
    String[] all = text.trim().split("\\s+");
    if (all.length != 5 && all.length != 6) {
      throw new IllegalArgumentException("a cron schedule has 5 fields (minute hour day-of-month month day-of-week), "
          + "or 6 with a leading second, got " + all.length);
    }
    BitSet seconds = all.length == 6 ? field(all[0], 0, 59, null, 0, "second") : field("0", 0, 59, null, 0, "second");
    String[] f = all.length == 6 ? Arrays.copyOfRange(all, 1, 6) : all;
    BitSet weekdays = field(f[4], 0, 7, WEEKDAYS, 0, "day of week");
    if (weekdays.get(7)) {
      weekdays.set(0);
    }
    return new Cron(text.trim(), seconds, field(f[0], 0, 59, null, 0, "minute"), field(f[1], 0, 23, null, 0, "hour"),
        field(f[2], 1, 31, null, 0, "day of month"), field(f[3], 1, 12, MONTHS, 1, "month"), weekdays,
        f[2].equals("*"), f[4].equals("*"));
  }

  public boolean matches(ZonedDateTime t) {
    if (!seconds.get(t.getSecond()) || !minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
      return false;
    }
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (anyDay || anyWeekday) {
      return day && weekday;
    }
    return day || weekday;
  }

  /** Whether the schedule fires at any whole second from {@code from} to {@code to}, both included (none when from is after to). */
  public boolean firesBetween(ZonedDateTime from, ZonedDateTime to) {
    for (ZonedDateTime t = from.truncatedTo(ChronoUnit.SECONDS); !t.isAfter(to); t = t.plusSeconds(1)) {
      if (matches(t)) {
        return true;
      }
    }
    return false;
  }

  private static BitSet field(String text, int min, int max, String[] names, int nameBase, String what) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), names, nameBase, what);
        range = part.substring(0, slash);
        if (step < 1) {
          throw new IllegalArgumentException("the " + what + " step must be at least 1");
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], names, nameBase, what);
        to = number(ends[1], names, nameBase, what);
      } else {
        from = number(range, names, nameBase, what);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException("the " + what + " must be within " + min + "-" + max + ", got '" + part + "'");
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String text, String[] names, int nameBase, String what) {
    if (names != null) {
      String t = text.toLowerCase(Locale.ROOT);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(t)) {
          return i + nameBase;
        }
      }
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the " + what + " '" + text + "' is not a number");
    }
  }
}
