package io.meshwork.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.contract.QualityRule;
import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.contract.SchemaProperty;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a contract's ODCS quality rules over a relation inside DuckDB.
 *
 * <p>Every library metric of every rule ({@code rowCount}, {@code nullValues}, {@code missingValues},
 * {@code invalidValues}, {@code duplicateValues}) becomes one column of a single aggregate query, so
 * the data is read once however many rules there are, and DuckDB — not Java — looks at the rows.
 * Each {@code type: sql} rule is one more query, checked by {@link SqlRule} first (the SQL output port's guard). Nothing a
 * rule says can make the evaluation throw: an unknown metric or operator, a bad regular expression,
 * a missing column or a rejected query becomes a {@code not-evaluated} result with its reason, and
 * the other rules are still judged.
 */
public final class QualityEngine {

  /**
   * Judges the rows of {@code relationSql} (a parenthesised SELECT or a quoted table/view name)
   * against {@code rules} declared on {@code object} or its properties. Synchronous: call it on a
   * worker thread (the data plane calls it inside the batch transaction).
   */
  public QualityReport evaluate(Connection c, String relationSql, SchemaObject object, List<QualityRule> rules) {
    long started = System.nanoTime();
    Instant at = Instant.now();
    Pass pass = new Pass();
    List<Planned> plan = new ArrayList<>();
    for (QualityRule rule : rules) {
      plan.add(plan(rule, object, pass));
    }
    int scans = 1;
    Map<Integer, Object> values;
    String failure = null;
    try {
      values = pass.run(c, relationSql);
    } catch (SQLException e) {
      // One rule broke the shared query (a regular expression DuckDB rejects, a column the data
      // lacks…): judge each metric on its own so the others still count.
      values = new LinkedHashMap<>();
      scans = 1 + pass.expressions.size();
      failure = SqlRule.firstLine(e.getMessage());
      pass.runEach(c, relationSql, values);
    }
    Object rowsValue = values.get(0);
    long rows = rowsValue instanceof Number n ? n.longValue() : 0L;
    List<RuleResult> results = new ArrayList<>();
    for (Planned p : plan) {
      if (p.result != null) {
        results.add(p.result);
      } else if (p.sqlQuery != null) {
        scans++;
        results.add(runSql(c, relationSql, p));
      } else {
        Object value = values.get(p.expression);
        if (!(value instanceof Number n)) {
          String why = value instanceof String s ? s : failure;
          results.add(p.notEvaluated("DuckDB could not compute it: " + why));
        } else {
          long of = p.denominator == 0 ? rows : values.get(p.denominator) instanceof Number d ? d.longValue() : 0L;
          results.add(p.judge(percent(p.unit) ? (of == 0 ? 0.0 : 100.0 * n.doubleValue() / of) : n.doubleValue()));
        }
      }
    }
    return new QualityReport(results, rows, scans, (System.nanoTime() - started) / 1_000_000, at);
  }

  /** Every rule of a schema object: its own, then its properties' (nested ones too), in contract order. */
  public static List<QualityRule> rulesOf(SchemaObject object) {
    List<QualityRule> rules = new ArrayList<>(object.quality());
    collect(object.properties(), rules);
    return rules;
  }

  private static void collect(List<SchemaProperty> properties, List<QualityRule> into) {
    for (SchemaProperty p : properties) {
      into.addAll(p.quality());
      collect(p.properties(), into);
    }
  }

  /** One rule, ready: either already decided (not evaluated), an index into the shared pass, or a SQL query. */
  private static final class Planned {
    final QualityRule rule;
    final String name;
    final String column;
    final String dimension;
    final String severity;
    RuleResult result;
    int expression = -1;
    /** The pass's expression counting what a percentage is a share of: 0, the rows, unless array elements are judged. */
    int denominator;
    String sqlQuery;
    String quotedColumn;
    String unit;
    Threshold threshold;

    Planned(QualityRule rule, String name, String column) {
      this.rule = rule;
      this.name = name;
      this.column = column;
      this.dimension = QualityScore.dimensionOf(rule);
      this.severity = Severity.of(rule.severity());
      this.unit = rule.field("unit").isTextual() ? rule.field("unit").asText() : null;
    }

    Planned decided(String reason) {
      result = notEvaluated(reason);
      return this;
    }

    RuleResult notEvaluated(String reason) {
      return new RuleResult(name, type(), rule.metric(), column, dimension, severity, RuleResult.NOT_EVALUATED, null, unit,
          threshold == null ? null : threshold.describe(), reason);
    }

    RuleResult judge(double value) {
      String status = threshold.holds(value) ? RuleResult.PASSED : RuleResult.FAILED;
      return new RuleResult(name, type(), rule.metric(), column, dimension, severity, status, value, unit, threshold.describe(), null);
    }

    String type() {
      return rule.type() == null ? "library" : rule.type();
    }
  }

  private static Planned plan(QualityRule rule, SchemaObject object, Pass pass) {
    String column = null;
    String problem = null;
    PropertyAccess access = null;
    if (rule.property() != null) {
      String prefix = object.name() + ".";
      if (!rule.property().startsWith(prefix)) {
        problem = "declared on another schema object (" + rule.property() + ")";
      } else {
        column = rule.property().substring(prefix.length());
        try {
          access = PropertyAccess.resolve(object, column);
        } catch (Threshold.Unusable e) {
          problem = e.getMessage();
        }
      }
    }
    Planned p = new Planned(rule, nameOf(rule, object, column), column);
    if (problem != null) {
      return p.decided(problem);
    }
    String type = p.type();
    switch (type) {
      case "text" -> {
        return p.decided("a text rule is for people to read");
      }
      case "custom" -> {
        return p.decided("custom rules run in their own engine (" + rule.field("engine").asText("unnamed") + "), not in Meshwork");
      }
      case "library", "sql" -> { }
      default -> {
        return p.decided("unknown rule type '" + type + "'");
      }
    }
    try {
      p.threshold = Threshold.of(rule.definition());
    } catch (Threshold.Unusable e) {
      return p.decided(e.getMessage());
    }
    if (p.unit != null && !percent(p.unit) && !p.unit.equalsIgnoreCase("rows")) {
      return p.decided("unknown unit '" + p.unit + "' (rows or percent)");
    }
    if (type.equals("sql")) {
      p.sqlQuery = rule.field("query").asText(null);
      if (access != null && access.elements() != null && p.sqlQuery != null && p.sqlQuery.matches("(?s).*\\{(property|column)}.*")) {
        return p.decided("{property} of an array's elements is not one column; read the array from {object} with unnest instead");
      }
      p.quotedColumn = access == null ? null : access.value();
      return p;
    }
    try {
      p.expression = pass.add(expression(rule, object, access));
      if (access != null && access.elements() != null) {
        // a percentage of an array's elements is a share of the elements, not of the rows
        p.denominator = pass.add(elementCount(access));
      }
    } catch (Threshold.Unusable e) {
      return p.decided(e.getMessage());
    }
    return p;
  }

  /**
   * The aggregate computing the rule's metric over the relation {@code _q}: a count of rows, or of
   * array elements when the property sits in an array's elements.
   */
  private static String expression(QualityRule rule, SchemaObject object, PropertyAccess access) throws Threshold.Unusable {
    String metric = rule.metric() == null ? "" : rule.metric();
    JsonNode arguments = rule.field("arguments");
    String elements = access == null ? null : access.elements();
    String value = access == null ? null : access.value();
    switch (metric) {
      case "rowCount" -> {
        return elements == null ? "count(*)" : elementCount(access);
      }
      case "duplicateValues" -> {
        if (elements != null) {
          String all = "flatten(list(" + elements + "))";
          return "len(list_filter(" + all + ", lambda x: x IS NOT NULL)) - len(list_distinct(" + all + "))";
        }
        if (value != null) {
          return "count(" + value + ") - count(DISTINCT " + value + ")";
        }
        List<String> columns = new ArrayList<>();
        if (arguments.path("properties").isArray()) {
          arguments.path("properties").forEach(n -> columns.add(n.asText()));
        } else {
          object.properties().forEach(prop -> columns.add(prop.name()));
        }
        if (columns.isEmpty()) {
          throw new Threshold.Unusable("duplicateValues on a schema object needs arguments.properties");
        }
        return "count(*) - count(DISTINCT ROW(" + String.join(", ", columns.stream().map(QualityEngine::quote).toList()) + "))";
      }
      case "nullValues", "missingValues", "invalidValues" -> {
        if (access == null) {
          throw new Threshold.Unusable(metric + " is a property-level metric; declare it on a property");
        }
        if (elements != null) {
          return "coalesce(sum(len(list_filter(" + elements + ", lambda x: " + predicate(metric, arguments, "x", access.property()) + "))), 0)";
        }
        return "count(*) FILTER (WHERE " + predicate(metric, arguments, value, access.property()) + ")";
      }
      default -> throw new Threshold.Unusable(metric.isEmpty() ? "a library rule needs a metric" : "unknown metric '" + metric + "'");
    }
  }

  private static String elementCount(PropertyAccess access) {
    return "coalesce(sum(len(" + access.elements() + ")), 0)";
  }

  private static String predicate(String metric, JsonNode arguments, String quoted, SchemaProperty property) throws Threshold.Unusable {
    String text = "CAST(" + quoted + " AS VARCHAR)";
    if (metric.equals("nullValues")) {
      return quoted + " IS NULL";
    }
    if (metric.equals("missingValues")) {
      if (!arguments.path("missingValues").isArray()) {
        return quoted + " IS NULL OR trim(" + text + ") = ''";
      }
      List<String> terms = new ArrayList<>();
      List<String> literals = new ArrayList<>();
      arguments.path("missingValues").forEach(v -> {
        if (v.isNull()) {
          terms.add(quoted + " IS NULL");
        } else {
          literals.add(literal(v.asText()));
        }
      });
      if (!literals.isEmpty()) {
        terms.add(text + " IN (" + String.join(", ", literals) + ")");
      }
      if (terms.isEmpty()) {
        throw new Threshold.Unusable("arguments.missingValues is empty");
      }
      return String.join(" OR ", terms);
    }
    List<String> valid = new ArrayList<>();
    List<String> validNumbers = new ArrayList<>();
    if (arguments.path("validValues").isArray()) {
      // numbers compare as numbers (10 is valid for 10.0 in a DOUBLE column), everything else as text
      arguments.path("validValues").forEach(v -> (v.isNumber() ? validNumbers : valid).add(v.asText()));
    }
    String pattern = arguments.path("pattern").isTextual() ? arguments.path("pattern").asText() : null;
    if (valid.isEmpty() && validNumbers.isEmpty() && pattern == null) {
      valid.addAll(property.validValues());
    }
    if (valid.isEmpty() && validNumbers.isEmpty() && pattern == null) {
      throw new Threshold.Unusable("invalidValues needs arguments.validValues or arguments.pattern");
    }
    List<String> invalid = new ArrayList<>();
    if (!valid.isEmpty() || !validNumbers.isEmpty()) {
      List<String> allowed = new ArrayList<>();
      if (!valid.isEmpty()) {
        allowed.add(text + " IN (" + String.join(", ", valid.stream().map(QualityEngine::literal).toList()) + ")");
      }
      if (!validNumbers.isEmpty()) {
        allowed.add("coalesce(TRY_CAST(" + quoted + " AS DOUBLE) IN (" + String.join(", ", validNumbers) + "), false)");
      }
      invalid.add("NOT (" + String.join(" OR ", allowed) + ")");
    }
    if (pattern != null) {
      invalid.add("NOT regexp_matches(" + text + ", " + literal(pattern) + ")");
    }
    // a null is missing, not invalid: nullValues and missingValues count it
    return quoted + " IS NOT NULL AND (" + String.join(" OR ", invalid) + ")";
  }

  private static RuleResult runSql(Connection c, String relationSql, Planned p) {
    try {
      String query = SqlRule.prepare(c, p.sqlQuery, relationSql, p.quotedColumn);
      try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(query)) {
        if (rs.getMetaData().getColumnCount() != 1 || !rs.next()) {
          return p.notEvaluated("the query must return one row with one value");
        }
        Object value = rs.getObject(1);
        if (rs.next()) {
          return p.notEvaluated("the query must return one row with one value");
        }
        if (value instanceof Boolean b) {
          return p.judge(b ? 1 : 0);
        }
        if (value instanceof Number n) {
          return p.judge(n.doubleValue());
        }
        return p.notEvaluated(value == null ? "the query returned no value (null)" : "the query must return a number or a boolean");
      }
    } catch (Threshold.Unusable e) {
      return p.notEvaluated("query rejected: " + e.getMessage());
    } catch (SQLException e) {
      return p.notEvaluated("the query failed: " + SqlRule.firstLine(e.getMessage()));
    }
  }

  /**
   * The shared aggregate: expression 0 is always {@code count(*)}; equal expressions of several
   * rules are computed once.
   */
  private static final class Pass {
    final List<String> expressions = new ArrayList<>(List.of("count(*)"));

    int add(String expression) {
      int existing = expressions.indexOf(expression);
      if (existing >= 0) {
        return existing;
      }
      expressions.add(expression);
      return expressions.size() - 1;
    }

    Map<Integer, Object> run(Connection c, String relationSql) throws SQLException {
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < expressions.size(); i++) {
        columns.add(expressions.get(i) + " AS m" + i);
      }
      Map<Integer, Object> values = new LinkedHashMap<>();
      try (Statement statement = c.createStatement();
           ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + relationSql + " AS _q")) {
        rs.next();
        for (int i = 0; i < expressions.size(); i++) {
          values.put(i, rs.getObject(i + 1));
        }
      }
      return values;
    }

    /** Fallback after the shared query failed: one query per metric; a failing one records its reason. */
    void runEach(Connection c, String relationSql, Map<Integer, Object> into) {
      for (int i = 0; i < expressions.size(); i++) {
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + expressions.get(i) + " FROM " + relationSql + " AS _q")) {
          rs.next();
          into.put(i, rs.getObject(1));
        } catch (SQLException e) {
          into.put(i, SqlRule.firstLine(e.getMessage()));
        }
      }
    }
  }

  private static String nameOf(QualityRule rule, SchemaObject object, String column) {
    if (rule.name() != null && !rule.name().isBlank()) {
      return rule.name();
    }
    String what = rule.metric() != null ? rule.metric() : (rule.type() == null ? "rule" : rule.type());
    return (column != null ? column : object.name()) + " " + what;
  }

  private static boolean percent(String unit) {
    return unit != null && (unit.equalsIgnoreCase("percent") || unit.equals("%"));
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
