package io.meshwork.access.rowfilter;

import java.util.Locale;
import java.util.Optional;

/** The types a row filter can compare, as ODCS {@code logicalType}s name them. */
public enum ColumnType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  /** Maps an ODCS logicalType; object and array columns cannot be filtered on. */
  public static Optional<ColumnType> fromLogicalType(String logicalType) {
    if (logicalType == null) {
      return Optional.empty();
    }
    return switch (logicalType.toLowerCase(Locale.ROOT)) {
      case "string" -> Optional.of(STRING);
      case "integer", "long" -> Optional.of(INTEGER);
      case "number", "decimal", "double", "float" -> Optional.of(NUMBER);
      case "boolean" -> Optional.of(BOOLEAN);
      case "date" -> Optional.of(DATE);
      case "timestamp", "datetime" -> Optional.of(TIMESTAMP);
      default -> Optional.empty();
    };
  }

  boolean ordered() {
    return this != BOOLEAN;
  }
}
