package io.meshwork.access.request;

import io.meshwork.access.request.AccessRequestService.Approval;
import io.meshwork.access.request.AccessRequestService.Ask;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** HTTP edge of access requests: JSON in and out, every invalid field reported at once. */
public final class AccessRequestRoutes {


  private final AccessRequestService service;

  AccessRequestRoutes(AccessRequestService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.post("/api/v1/access-requests").handler(this::create);
    router.get("/api/v1/access-requests").handler(this::list);
    router.get("/api/v1/access-requests/:id").handler(this::get);
    router.post("/api/v1/access-requests/:id/approve").handler(this::approve);
    router.post("/api/v1/access-requests/:id/deny").handler(this::deny);
    router.post("/api/v1/access-requests/:id/withdraw").handler(this::withdraw);
    router.get("/api/v1/access/purposes").handler(this::purposes);
  }

  /** The vocabulary requests choose from, so clients (the portal) offer exactly what the node accepts. */
  private void purposes(RoutingContext ctx) {
    ctx.json(new JsonObject().put("purposes", new JsonArray(service.purposes().stream().sorted().toList())));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.required(ctx);
    List<Violation> violations = new ArrayList<>();
    String productId = requiredString(body, "productId", violations);
    String port = requiredString(body, "port", violations);
    String purpose = requiredString(body, "purpose", violations);
    Integer days = integer(body, "durationDays", violations, true);
    Set<String> columns = strings(body, "columns", violations);
    String justification = optionalString(body, "justification", violations);
    String group = optionalString(body, "onBehalfOfGroup", violations);
    failIfAny(violations);
    service.request(Caller.of(ctx), new Ask(productId, port, purpose, justification, days, columns, group))
        .onSuccess(request -> {
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/access-requests/" + request.id());
          ctx.json(request.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String view = ctx.request().getParam("view", "mine");
    Caller caller = Caller.of(ctx);
    var requests = switch (view) {
      case "mine" -> service.mine(caller);
      case "to-approve" -> service.toApprove(caller);
      default -> throw new InvalidException("Unknown view", List.of(new Violation("/view", "must be mine or to-approve")));
    };
    requests.onSuccess(list -> ctx.json(new JsonObject().put("items", new JsonArray(list.stream().map(AccessRequest::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(Caller.of(ctx), ctx.pathParam("id")).onSuccess(r -> ctx.json(r.toJson())).onFailure(ctx::fail);
  }

  private void approve(RoutingContext ctx) {
    JsonObject body = Optional.ofNullable(JsonBody.optional(ctx)).orElseGet(JsonObject::new);
    List<Violation> violations = new ArrayList<>();
    Set<String> columns = body.containsKey("columns") ? strings(body, "columns", violations) : null;
    Set<String> unmasked = strings(body, "unmasked", violations);
    String rowFilter = optionalString(body, "rowFilter", violations);
    Integer days = integer(body, "durationDays", violations, false);
    Instant expiresAt = instant(body, "expiresAt", violations);
    if (days != null && expiresAt != null) {
      violations.add(new Violation("/expiresAt", "give durationDays or expiresAt, not both"));
    }
    failIfAny(violations);
    service.approve(Caller.of(ctx), ctx.pathParam("id"), new Approval(columns, unmasked, rowFilter, days, expiresAt))
        .onSuccess(r -> ctx.json(r.toJson()))
        .onFailure(ctx::fail);
  }

  private void deny(RoutingContext ctx) {
    JsonObject body = Optional.ofNullable(JsonBody.optional(ctx)).orElseGet(JsonObject::new);
    List<Violation> violations = new ArrayList<>();
    String reason = optionalString(body, "reason", violations);
    failIfAny(violations);
    service.deny(Caller.of(ctx), ctx.pathParam("id"), reason).onSuccess(r -> ctx.json(r.toJson())).onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    service.withdraw(Caller.of(ctx), ctx.pathParam("id")).onSuccess(r -> ctx.json(r.toJson())).onFailure(ctx::fail);
  }

  // --- reading JSON bodies: every problem becomes a violation with its pointer ---

  private static String requiredString(JsonObject body, String field, List<Violation> violations) {
    String value = optionalString(body, field, violations);
    if (value == null && !body.containsKey(field)) {
      violations.add(new Violation("/" + field, "is required"));
    }
    return value;
  }

  private static String optionalString(JsonObject body, String field, List<Violation> violations) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      violations.add(new Violation("/" + field, "must be a non-empty string"));
      return null;
    }
    return text;
  }

  private static Instant instant(JsonObject body, String field, List<Violation> violations) {
    String text = optionalString(body, field, violations);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      violations.add(new Violation("/" + field, "must be a timestamp like 2026-12-31T23:59:59Z"));
      return null;
    }
  }

  private static Integer integer(JsonObject body, String field, List<Violation> violations, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        violations.add(new Violation("/" + field, "is required"));
      }
      return required ? 0 : null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      violations.add(new Violation("/" + field, "must be a whole number"));
      return 0;
    }
    return number.intValue();
  }

  private static Set<String> strings(JsonObject body, String field, List<Violation> violations) {
    Object value = body.getValue(field);
    Set<String> strings = new HashSet<>();
    if (value == null) {
      return strings;
    }
    if (!(value instanceof JsonArray array)) {
      violations.add(new Violation("/" + field, "must be an array of column names"));
      return strings;
    }
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof String s && !s.isBlank()) {
        strings.add(s);
      } else {
        violations.add(new Violation("/" + field + "/" + i, "must be a column name"));
      }
    }
    return strings;
  }

  private static void failIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidException("The request body is invalid", violations);
    }
  }
}
