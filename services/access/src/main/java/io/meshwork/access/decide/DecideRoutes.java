package io.meshwork.access.decide;

import io.meshwork.access.grant.GrantService;
import io.meshwork.access.pdp.Subject;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/access/decide}: what would a read of a port for a purpose get — for the caller,
 * or for another subject when an owner or admin wants a decision explained.
 */
public final class DecideRoutes {

  private final GrantService service;

  public DecideRoutes(GrantService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.post("/api/v1/access/decide").handler(this::decide);
  }

  private void decide(RoutingContext ctx) {
    JsonObject body = JsonBody.required(ctx);
    List<Violation> violations = new ArrayList<>();
    for (String field : List.of("productId", "port", "purpose")) {
      if (!(body.getValue(field) instanceof String s) || s.isBlank()) {
        violations.add(new Violation("/" + field, "is required (a non-empty string)"));
      }
    }
    Subject about = null;
    if (body.getValue("subject") instanceof JsonObject subject) {
      if (!(subject.getValue("id") instanceof String id) || id.isBlank()) {
        violations.add(new Violation("/subject/id", "is required (the subject's user id)"));
      } else {
        about = new Subject(id, subject.getBoolean("serviceAccount", false), strings(subject.getJsonArray("groups")),
            strings(subject.getJsonArray("roles")), subject.getString("identityProvider"));
      }
    } else if (body.containsKey("subject")) {
      violations.add(new Violation("/subject", "must be an object with id, groups, roles"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The decision request is invalid", violations);
    }
    service.decide(Caller.of(ctx), about, body.getString("productId"), body.getString("port"), body.getString("purpose"))
        .onSuccess(decision -> ctx.json(DecisionJson.of(decision)))
        .onFailure(ctx::fail);
  }

  private static Set<String> strings(JsonArray array) {
    Set<String> values = new HashSet<>();
    if (array != null) {
      array.forEach(v -> values.add(String.valueOf(v)));
    }
    return values;
  }
}
