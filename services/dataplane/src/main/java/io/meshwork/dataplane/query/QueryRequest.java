package io.meshwork.dataplane.query;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /api/v1/query}, checked once at the edge. */
public record QueryRequest(String sql, ResultFormat format, int limit, AsOf asOf, String purpose) {

  public static QueryRequest from(JsonObject body, QuerySettings settings) {
    List<Violation> violations = new ArrayList<>();
    if (!(body.getValue("sql") instanceof String sql) || sql.isBlank()) {
      violations.add(new Violation("/sql", "is required: one SELECT over ports named domain.product.port"));
    }
    int limit = settings.defaultLimit();
    Object limitValue = body.getValue("limit");
    if (limitValue != null) {
      if (limitValue instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 1 && n.longValue() <= settings.maxLimit()) {
        limit = n.intValue();
      } else {
        violations.add(new Violation("/limit", "must be a whole number from 1 to " + settings.maxLimit()));
      }
    }
    for (String field : List.of("format", "asOf", "purpose")) {
      if (body.getValue(field) != null && !(body.getValue(field) instanceof String)) {
        violations.add(new Violation("/" + field, "must be a string"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The query request is invalid", violations);
    }
    return new QueryRequest(body.getString("sql"), ResultFormat.parse(body.getString("format"), "/format"), limit,
        AsOf.parse(body.getString("asOf"), "/asOf"), ReadAccess.purpose(body.getString("purpose"), "/purpose"));
  }
}
