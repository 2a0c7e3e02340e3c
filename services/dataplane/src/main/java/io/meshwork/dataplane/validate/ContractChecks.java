package io.meshwork.dataplane.validate;

import static io.meshwork.dataplane.storage.PortTable.literal;

import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.storage.PortTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validation of a staged batch against the contract, as one SQL statement that DuckDB runs in
 * parallel over the whole batch. The batch is already typed (the reader parsed every value to its
 * column's type once, and set aside what did not parse), so what is checked here are the rules
 * beyond the type: required, valid JSON, enumerations, patterns, lengths, ranges, primary keys and
 * unique columns within the batch (every occurrence after the first is a duplicate) and against
 * the port's committed snapshot (a semi-join, skipped while the port has no rows).
 * The result has one row per invalid staged row: its row id in the staging table and
 * {@code _reason}, every reason it is invalid, "; "-joined. Reasons name columns and rules, never
 * values: they travel in events and reports.
 */
public final class ContractChecks {

  private final PortSchema schema;
  private final List<ColumnRules> rules;
  private final boolean snapshotEmpty;

  public ContractChecks(PortSchema schema, List<ColumnRules> rules, boolean snapshotEmpty) {
    this.schema = schema;
    this.rules = List.copyOf(rules);
    this.snapshotEmpty = snapshotEmpty;
  }

  /**
   * The statement that creates temp table {@code invalid} from the typed temp table {@code staging}:
   * the staging row id ({@code _row}) and reasons of every invalid row, nothing for valid ones — so
   * a mostly valid batch is not copied again; valid rows go from staging straight to the port table.
   * Null when the contract gives no rule to check (every staged row is valid).
   */
  public String createInvalid(String invalid, String staging) {
    List<ColumnRules> keys = rules.stream().filter(ColumnRules::primaryKey)
        .sorted(Comparator.comparingInt(ColumnRules::primaryKeyPosition)).toList();
    List<ColumnRules> uniques = rules.stream().filter(ColumnRules::unique).toList();
    List<String> reasons = reasons(keys, uniques);
    if (reasons.isEmpty()) {
      return null;
    }
    String columns = rules.stream().map(r -> r.column().quoted()).collect(Collectors.joining(", "));

    // Duplicates within the batch: the keys seen more than once and where each was first seen (a hash
    // aggregate, much cheaper than a window over the whole batch); every later occurrence is a duplicate.
    List<String> ctes = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    if (!keys.isEmpty()) {
      ctes.add(duplicates("pk_dup", keys));
      joins.add(" LEFT JOIN pk_dup ON " + keyMatch("pk_dup", keys));
    }
    for (int i = 0; i < uniques.size(); i++) {
      ctes.add(duplicates("u" + i + "_dup", List.of(uniques.get(i))));
      joins.add(" LEFT JOIN u" + i + "_dup ON " + keyMatch("u" + i + "_dup", List.of(uniques.get(i))));
    }
    StringBuilder sql = new StringBuilder("CREATE TEMP TABLE ").append(invalid).append(" AS WITH s AS (SELECT rowid AS _row, ")
        .append(columns).append(" FROM ").append(staging).append(")")
        .append(ctes.isEmpty() ? "" : ", " + String.join(", ", ctes))
        .append(", checked AS (SELECT w._row, NULLIF(concat_ws('; ', ").append(String.join(", ", reasons))
        .append("), '') AS _reason FROM s w").append(String.join("", joins)).append(")")
        .append(" SELECT _row, _reason FROM checked WHERE _reason IS NOT NULL");
    return sql.toString();
  }

  /** Each contract column of a staged row as text, for the quarantine ({@code s} is the staging alias). */
  public String textColumns() {
    return rules.stream().map(r -> "CAST(s." + r.column().quoted() + " AS VARCHAR) AS " + r.column().quoted()).collect(Collectors.joining(", "));
  }

  private List<String> reasons(List<ColumnRules> keys, List<ColumnRules> uniques) {
    List<String> reasons = new ArrayList<>();
    for (ColumnRules r : rules) {
      String v = "w." + r.column().quoted();
      String text = "CAST(" + v + " AS VARCHAR)";
      String name = r.column().name();
      if (r.required()) {
        reasons.add("CASE WHEN " + v + " IS NULL THEN " + literal(name + ": required") + " END");
      }
      if (r.column().sqlType().equals("JSON")) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND NOT coalesce(json_valid(" + v + "), false) THEN " + literal(name + ": not valid JSON") + " END");
      }
      if (!r.validValues().isEmpty()) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND " + text + " NOT IN (" + r.validValues().stream().map(PortTable::literal)
            .collect(Collectors.joining(", ")) + ") THEN " + literal(name + ": not one of " + String.join(", ", r.validValues())) + " END");
      }
      if (r.pattern() != null) {
        reasons.add("CASE WHEN " + v + " IS NOT NULL AND NOT regexp_matches(" + text + ", " + literal(r.pattern()) + ") THEN "
            + literal(name + ": does not match the pattern " + r.pattern()) + " END");
      }
      if (r.minLength() != null) {
        reasons.add("CASE WHEN length(" + text + ") < " + r.minLength() + " THEN " + literal(name + ": shorter than " + r.minLength()) + " END");
      }
      if (r.maxLength() != null) {
        reasons.add("CASE WHEN length(" + text + ") > " + r.maxLength() + " THEN " + literal(name + ": longer than " + r.maxLength()) + " END");
      }
      if (r.minimum() != null) {
        reasons.add("CASE WHEN TRY_CAST(" + v + " AS DOUBLE) < " + r.minimum() + " THEN " + literal(name + ": below the minimum " + plain(r.minimum())) + " END");
      }
      if (r.maximum() != null) {
        reasons.add("CASE WHEN TRY_CAST(" + v + " AS DOUBLE) > " + r.maximum() + " THEN " + literal(name + ": above the maximum " + plain(r.maximum())) + " END");
      }
    }
    String committed = PortSchema.BATCH_COLUMN + " IN (SELECT seq FROM " + DomainDatabases.BATCHES
        + " WHERE product = " + literal(schema.table().productId()) + " AND port = " + literal(schema.table().port())
        + " AND major = " + schema.table().major() + " AND status = 'committed')";
    if (!keys.isEmpty()) {
      String names = keys.stream().map(k -> k.column().name()).collect(Collectors.joining(", "));
      reasons.add("CASE WHEN w._row > pk_dup._first THEN " + literal("duplicate primary key (" + names + ") within the batch") + " END");
      if (!snapshotEmpty) {
        reasons.add("CASE WHEN " + inSnapshot(keys, committed) + " THEN " + literal("primary key (" + names + ") already in the snapshot") + " END");
      }
    }
    for (int i = 0; i < uniques.size(); i++) {
      ColumnRules u = uniques.get(i);
      String name = u.column().name();
      reasons.add("CASE WHEN w._row > u" + i + "_dup._first THEN " + literal(name + ": duplicate within the batch") + " END");
      if (!snapshotEmpty) {
        reasons.add("CASE WHEN " + inSnapshot(List.of(u), committed) + " THEN " + literal(name + ": value already in the snapshot") + " END");
      }
    }
    return reasons;
  }

  /** Keys occurring more than once in the batch, with the record number of their first occurrence. */
  private static String duplicates(String name, List<ColumnRules> keys) {
    String typedKeys = keys.stream().map(k -> "s." + k.column().quoted()).collect(Collectors.joining(", "));
    String notNull = keys.stream().map(k -> "s." + k.column().quoted() + " IS NOT NULL").collect(Collectors.joining(" AND "));
    return name + " AS (SELECT " + typedKeys + ", min(s._row) AS _first FROM s WHERE " + notNull + " GROUP BY ALL HAVING count(*) > 1)";
  }

  private static String keyMatch(String alias, List<ColumnRules> keys) {
    return keys.stream().map(k -> alias + "." + k.column().quoted() + " = w." + k.column().quoted()).collect(Collectors.joining(" AND "));
  }

  /** A semi-join against the committed rows of the port (DuckDB turns EXISTS into a hash join). */
  private String inSnapshot(List<ColumnRules> keys, String committed) {
    return "EXISTS (SELECT 1 FROM " + schema.table().quoted() + " p WHERE " + committed + " AND "
        + keys.stream().map(k -> "p." + k.column().quoted() + " = w." + k.column().quoted()).collect(Collectors.joining(" AND ")) + ")";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
