package io.meshwork.dataplane.storage;

import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.contract.SchemaProperty;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A column of a port table: a contract property and the DuckDB type it is stored as. The type
 * comes from the property's {@code physicalType} when that is a DuckDB type we know (the contract
 * author was precise), else from its {@code logicalType}. Contract text never reaches SQL
 * unchecked: a physical type is only used when it matches the allow-list below.
 */
public record PortColumn(String name, String sqlType, SchemaProperty property) {

  private static final Set<String> SIMPLE_TYPES = Set.of(
      "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
      "FLOAT", "REAL", "DOUBLE", "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "INTERVAL",
      "UUID", "JSON", "BLOB", "VARCHAR", "TEXT", "STRING");
  private static final Pattern SIZED_TEXT = Pattern.compile("(VARCHAR|CHAR|CHARACTER VARYING)\\s*\\(\\s*\\d{1,6}\\s*\\)");
  private static final Pattern DECIMAL = Pattern.compile("(DECIMAL|NUMERIC)\\s*(\\(\\s*(\\d{1,2})\\s*(,\\s*(\\d{1,2})\\s*)?\\))?");

  public String quoted() {
    return PortTable.quote(name);
  }

  /** The columns of a schema object, in contract order. */
  public static List<PortColumn> of(SchemaObject object) {
    return object.properties().stream().map(p -> new PortColumn(p.name(), typeOf(p), p)).toList();
  }

  /** The DuckDB type a property is stored as. */
  public static String typeOf(SchemaProperty property) {
    return physical(property.physicalType()).orElseGet(() -> logical(property.logicalType()));
  }

  static Optional<String> physical(String physicalType) {
    if (physicalType == null) {
      return Optional.empty();
    }
    String type = physicalType.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (SIMPLE_TYPES.contains(type)) {
      return Optional.of(switch (type) {
        case "TEXT", "STRING" -> "VARCHAR";
        case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ";
        default -> type;
      });
    }
    if (SIZED_TEXT.matcher(type).matches()) {
      // DuckDB ignores the length; the contract's maxLength is what limits text
      return Optional.of("VARCHAR");
    }
    var decimal = DECIMAL.matcher(type);
    if (decimal.matches()) {
      if (decimal.group(3) == null) {
        return Optional.of("DECIMAL(18,3)");
      }
      int precision = Integer.parseInt(decimal.group(3));
      int scale = decimal.group(5) == null ? 0 : Integer.parseInt(decimal.group(5));
      if (precision >= 1 && precision <= 38 && scale <= precision) {
        return Optional.of("DECIMAL(" + precision + "," + scale + ")");
      }
    }
    return Optional.empty();
  }

  static String logical(String logicalType) {
    if (logicalType == null) {
      return "VARCHAR";
    }
    return switch (logicalType.trim().toLowerCase(Locale.ROOT)) {
      case "integer" -> "BIGINT";
      case "number" -> "DOUBLE";
      case "boolean" -> "BOOLEAN";
      case "date" -> "DATE";
      case "timestamp" -> "TIMESTAMPTZ";
      case "time" -> "TIME";
      case "object", "array" -> "JSON";
      default -> "VARCHAR";
    };
  }
}
