package io.meshwork.catalog.governance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a governance rule is checked against: a data product's ODPS document or a contract's ODCS document. */
public enum Target {
  PRODUCT,
  CONTRACT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Target> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
  }
}
