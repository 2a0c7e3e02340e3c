package io.meshwork.quality;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of one quality rule over one relation. {@code status} is {@code passed},
 * {@code failed} or {@code not-evaluated} (with the {@code reason}: unknown metric or operator, a
 * rejected SQL query, a column the data lacks…). {@code value} is what was measured — a count of
 * rows, or a percentage when {@code unit} is {@code percent}. Only a failed rule of severity
 * {@code error} is {@code blocking}.
 */
public record RuleResult(
    String rule,
    String type,
    String metric,
    String property,
    String dimension,
    String severity,
    String status,
    Double value,
    String unit,
    String threshold,
    String reason) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String NOT_EVALUATED = "not-evaluated";

  public boolean blocking() {
    return FAILED.equals(status) && Severity.blocks(severity);
  }

  public boolean evaluated() {
    return !NOT_EVALUATED.equals(status);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("rule", rule)
        .put("type", type)
        .put("status", status)
        .put("severity", severity)
        .put("blocking", blocking());
    putIfPresent(json, "metric", metric);
    putIfPresent(json, "property", property);
    putIfPresent(json, "dimension", dimension);
    if (value != null) {
      json.put("value", value);
    }
    putIfPresent(json, "unit", unit);
    putIfPresent(json, "threshold", threshold);
    putIfPresent(json, "reason", reason);
    return json;
  }

  public static RuleResult fromJson(JsonObject json) {
    Number value = json.getNumber("value");
    return new RuleResult(json.getString("rule"), json.getString("type"), json.getString("metric"), json.getString("property"),
        json.getString("dimension"), json.getString("severity"), json.getString("status"), value == null ? null : value.doubleValue(),
        json.getString("unit"), json.getString("threshold"), json.getString("reason"));
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
