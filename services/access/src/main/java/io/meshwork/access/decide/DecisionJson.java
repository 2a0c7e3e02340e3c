package io.meshwork.access.decide;

import io.meshwork.access.pdp.Decision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A decision on the wire: the same shape in API answers and audit entries. */
public final class DecisionJson {

  private DecisionJson() {}

  public static JsonObject of(Decision decision) {
    JsonObject masks = new JsonObject();
    decision.masks().forEach((column, kind) -> masks.put(column, kind.name().toLowerCase(java.util.Locale.ROOT)));
    JsonObject json = new JsonObject()
        .put("allowed", decision.allowed())
        .put("reason", decision.reason())
        .put("columns", new JsonArray(decision.columns()))
        .put("masks", masks);
    decision.grantId().ifPresent(id -> json.put("grantId", id));
    decision.rowFilter().ifPresent(filter -> json.put("rowFilter", new JsonObject().put("sql", filter.toSql())));
    return json;
  }
}
