package io.meshwork.model.contract;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0): major.minor.patch with an optional pre-release; build
 * metadata is kept in the text but ignored when comparing, as the specification says.
 */
public record SemVer(int major, int minor, int patch, String preRelease, String text) implements Comparable<SemVer> {

  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?");
  private static final Comparator<SemVer> ORDER = Comparator.comparingInt(SemVer::major)
      .thenComparingInt(SemVer::minor)
      .thenComparingInt(SemVer::patch)
      // a pre-release sorts before its release: 2.0.0-rc.1 < 2.0.0
      .thenComparing(v -> v.preRelease() == null ? "\uffff" : v.preRelease());

  public static Optional<SemVer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        m.group(4), text));
  }

  @Override
  public int compareTo(SemVer other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return text;
  }
}
