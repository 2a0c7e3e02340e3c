package io.meshwork.dataplane.validate;

import static io.meshwork.dataplane.storage.PortTable.quote;

import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validation of a staged batch against the contract, as one SQL statement that DuckDB runs in
 * parallel over the whole batch: every raw value is checked (TRY_CAST to the column type,
 * required, enumerations, patterns, lengths, ranges), primary keys and unique columns within the
 * batch (every occurrence after the first is a duplicate) and against the port's current snapshot.
 * The result has one row per source record: its 1-based record number, the raw values, and
 * {@code _reason}, NULL for a valid row or every reason it is invalid, "; "-joined. Reasons name
 * columns and rules, never values: they travel in events and reports.
 */
public final class ContractChecks {

  private final PortSchema schema;
  private final List<ColumnRules> rules;

  public ContractChecks(PortSchema schema, List<ColumnRules> rules) {
    this.schema = schema;
    this.rules = List.copyOf(rules);
  }

  /**
   * The statement that creates temp table {@code checked} from temp table {@code staging}.
   *
   * @param sourceColumns for each contract column, the staging column holding it (null: absent from the source)
   * @param product, port, major the snapshot the keys must not already be in
   */
  public String createChecked(String checked, String staging, Map<String, String> sourceColumns) {
    List<ColumnRules> keys = rules.stream().filter(ColumnRules::primaryKey)
        .sorted(Comparator.comparingInt(ColumnRules::primaryKeyPosition)).toList();
    List<ColumnRules> uniques = rules.stream().filter(ColumnRules::unique).toList();

    String raw = rules.stream().map(r -> {
      String source = sourceColumns.get(r.column().name());
      return (source == null ? "CAST(NULL AS VARCHAR)" : "CAST(" + quote(source) + " AS VARCHAR)") + " AS " + r.column().quoted();
    }).collect(Collectors.joining(", "));

    List<String> windows = new ArrayList<>();
    if (!keys.isEmpty()) {
      windows.add("row_number() OVER (PARTITION BY " + typedList(keys, "s") + " ORDER BY s._line) AS _pk_rank");
    }
    for (int i = 0; i < uniques.size(); i++) {
      windows.add("row_number() OVER (PARTITION BY " + typed(uniques.get(i), "s") + " ORDER BY s._line) AS _u" + i + "_rank");
    }

    StringBuilder sql = new StringBuilder("CREATE TEMP TABLE ").append(checked).append(" AS WITH s AS (SELECT rowid + 1 AS _line, ")
        .append(raw).append(" FROM ").append(staging).append("), w AS (SELECT s.*")
        .append(windows.isEmpty() ? "" : ", " + String.join(", ", windows)).append(" FROM s) SELECT w._line, ")
        .append(rules.stream().map(r -> "w." + r.column().quoted()).collect(Collectors.joining(", ")))
        .append(", NULLIF(concat_ws('; ', ").append(String.join(", ", reasons(keys, uniques))).append("), '') AS _reason FROM w");

    String committed = " WHERE " + PortSchema.BATCH_COLUMN + " IN (SELECT seq FROM " + DomainDatabases.BATCHES
        + " WHERE product = " + literal(schema.table().productId()) + " AND port = " + literal(schema.table().port())
        + " AND major = " + schema.table().major() + " AND status = 'committed')";
    if (!keys.isEmpty()) {
      sql.append(" LEFT JOIN (SELECT DISTINCT ").append(keys.stream().map(k -> k.column().quoted()).collect(Collectors.joining(", ")))
          .append(", true AS _hit FROM ").append(schema.table().quoted()).append(committed).append(") pk ON ")
          .append(keys.stream().map(k -> "pk." + k.column().quoted() + " = " + typed(k, "w")).collect(Collectors.joining(" AND ")));
    }
    for (int i = 0; i < uniques.size(); i++) {
      ColumnRules u = uniques.get(i);
      sql.append(" LEFT JOIN (SELECT DISTINCT ").append(u.column().quoted()).append(", true AS _hit FROM ").append(schema.table().quoted())
          .append(committed).append(") u").append(i).append(" ON u").append(i).append(".").append(u.column().quoted()).append(" = ").append(typed(u, "w"));
    }
    return sql.toString();
  }

  /** The valid rows of {@code checked}, typed as the port table stores them (what enters the snapshot). */
  public String typedSelect(String checked, String where) {
    return "SELECT " + rules.stream().map(r -> typed(r, checked) + " AS " + r.column().quoted()).collect(Collectors.joining(", "))
        + " FROM " + checked + " WHERE " + where;
  }

  private List<String> reasons(List<ColumnRules> keys, List<ColumnRules> uniques) {
    List<String> reasons = new ArrayList<>();
    for (ColumnRules r : rules) {
      String v = "w." + r.column().quoted();
      String name = r.column().name();
      if (r.required()) {
        reasons.add("CASE WHEN " + v + " IS NULL THEN " + literal(name + ": required") + " END");
      }
      String type = r.column().sqlType();
      if (type.equals("JSON")) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND NOT coalesce(json_valid(" + v + "), false) THEN " + literal(name + ": not valid JSON") + " END");
      } else if (!type.equals("VARCHAR")) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND TRY_CAST(" + v + " AS " + type + ") IS NULL THEN "
            + literal(name + ": not a valid " + type) + " END");
      }
      if (!r.validValues().isEmpty()) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND " + v + " NOT IN (" + r.validValues().stream().map(ContractChecks::literal)
            .collect(Collectors.joining(", ")) + ") THEN " + literal(name + ": not one of " + String.join(", ", r.validValues())) + " END");
      }
      if (r.pattern() != null) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND NOT regexp_matches(" + v + ", " + literal(r.pattern()) + ") THEN "
            + literal(name + ": does not match the pattern " + r.pattern()) + " END");
      }
      if (r.minLength() != null) {
        reasons.add("CASE WHEN length(" + v + ") < " + r.minLength() + " THEN " + literal(name + ": shorter than " + r.minLength()) + " END");
      }
      if (r.maxLength() != null) {
        reasons.add("CASE WHEN length(" + v + ") > " + r.maxLength() + " THEN " + literal(name + ": longer than " + r.maxLength()) + " END");
      }
      if (r.minimum() != null) {
        reasons.add("CASE WHEN TRY_CAST(" + v + " AS DOUBLE) < " + r.minimum() + " THEN " + literal(name + ": below the minimum " + plain(r.minimum())) + " END");
      }
      if (r.maximum() != null) {
        reasons.add("CASE WHEN TRY_CAST(" + v + " AS DOUBLE) > " + r.maximum() + " THEN " + literal(name + ": above the maximum " + plain(r.maximum())) + " END");
      }
    }
    if (!keys.isEmpty()) {
      String names = keys.stream().map(k -> k.column().name()).collect(Collectors.joining(", "));
      String allTyped = keys.stream().map(k -> typed(k, "w") + " IS NOT NULL").collect(Collectors.joining(" AND "));
      reasons.add("CASE WHEN " + allTyped + " AND w._pk_rank > 1 THEN " + literal("duplicate primary key (" + names + ") within the batch") + " END");
      reasons.add("CASE WHEN pk._hit THEN " + literal("primary key (" + names + ") already in the snapshot") + " END");
    }
    for (int i = 0; i < uniques.size(); i++) {
      ColumnRules u = uniques.get(i);
      String name = u.column().name();
      reasons.add("CASE WHEN " + typed(u, "w") + " IS NOT NULL AND w._u" + i + "_rank > 1 THEN " + literal(name + ": duplicate within the batch") + " END");
      reasons.add("CASE WHEN u" + i + "._hit THEN " + literal(name + ": value already in the snapshot") + " END");
    }
    return reasons;
  }

  private static String typed(ColumnRules r, String alias) {
    String v = alias + "." + r.column().quoted();
    String type = r.column().sqlType();
    return type.equals("VARCHAR") ? v : "TRY_CAST(" + v + " AS " + type + ")";
  }

  private static String typedList(List<ColumnRules> rs, String alias) {
    return rs.stream().map(r -> typed(r, alias)).collect(Collectors.joining(", "));
  }

  /** A SQL string literal: single quotes doubled. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
