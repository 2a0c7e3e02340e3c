package io.meshwork.access.rowfilter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A literal typed by the column it is compared with: {@code String}, {@code Long},
 * {@code BigDecimal}, {@code Boolean}, {@code LocalDate} or {@code Instant}.
 */
public record Literal(ColumnType type, Comparable<?> value) {

  public Literal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Class<?> expected = switch (type) {
      case STRING -> String.class;
      case INTEGER -> Long.class;
      case NUMBER -> BigDecimal.class;
      case BOOLEAN -> Boolean.class;
      case DATE -> LocalDate.class;
      case TIMESTAMP -> Instant.class;
    };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(type + " literal must be a " + expected.getSimpleName());
    }
  }

  /** SQL text of the literal; strings are quoted with embedded quotes doubled, so it cannot break out. */
  public String toSql() {
    return switch (type) {
      case STRING -> "'" + ((String) value).replace("'", "''") + "'";
      case INTEGER -> value.toString();
      case NUMBER -> ((BigDecimal) value).toPlainString();
      case BOOLEAN -> ((Boolean) value) ? "TRUE" : "FALSE";
      case DATE -> "DATE '" + value + "'";
      case TIMESTAMP -> "TIMESTAMPTZ '" + value + "'";
    };
  }

  /** Compares a row's value of the same type with this literal; null when the row's value is null. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Integer compareFrom(Object rowValue) {
    if (rowValue == null) {
      return null;
    }
    Object typed = rowValue;
    if (type == ColumnType.NUMBER && rowValue instanceof Number n && !(rowValue instanceof BigDecimal)) {
      typed = new BigDecimal(n.toString());
    } else if (type == ColumnType.INTEGER && rowValue instanceof Number n && !(rowValue instanceof Long)) {
      typed = n.longValue();
    }
    if (type == ColumnType.NUMBER) {
      return ((BigDecimal) typed).compareTo((BigDecimal) value);
    }
    return ((Comparable) typed).compareTo(value);
  }
}
