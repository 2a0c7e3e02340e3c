package io.meshwork.dataplane.rows;

import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** The query parameters of a rows request, checked once at the edge. */
record RowsRequest(String productId, String port, List<String> fields, String filter, int limit, RowsCursor cursor, AsOf asOf, String purpose) {

  static RowsRequest from(RoutingContext ctx, QuerySettings settings) {
    String fieldsText = ctx.queryParams().get("fields");
    List<String> fields = fieldsText == null || fieldsText.isBlank() ? List.of()
        : List.copyOf(new LinkedHashSet<>(Arrays.stream(fieldsText.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList()));
    int limit = settings.defaultLimit();
    String limitText = ctx.queryParams().get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > settings.maxLimit()) {
        throw new InvalidException("The rows request is invalid", List.of(new Violation("/limit", "must be a whole number from 1 to " + settings.maxLimit())));
      }
    }
    String cursor = ctx.queryParams().get("cursor");
    String filter = ctx.queryParams().get("filter");
    return new RowsRequest(ctx.pathParam("id"), ctx.pathParam("port"), fields, filter == null || filter.isBlank() ? null : filter, limit,
        cursor == null || cursor.isBlank() ? null : RowsCursor.decode(cursor.trim()),
        AsOf.parse(ctx.queryParams().get("asOf"), "/asOf"), ReadAccess.purpose(ctx.queryParams().get("purpose"), "/purpose"));
  }
}
