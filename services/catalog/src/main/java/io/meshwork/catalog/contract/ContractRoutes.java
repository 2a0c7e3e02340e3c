package io.meshwork.catalog.contract;

import io.meshwork.catalog.store.Revision;
import io.meshwork.catalog.web.DocumentExchange;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/** HTTP edge of contract registration and versions: parsing, content negotiation, status codes. */
final class ContractRoutes {

  private final ContractService service;

  ContractRoutes(ContractService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.put("/api/v1/contracts/:id").handler(this::register);
    router.post("/api/v1/contracts/:id/dry-run").handler(this::dryRun);
    router.get("/api/v1/contracts/:id").handler(this::get);
    router.delete("/api/v1/contracts/:id").handler(this::delete);
    router.get("/api/v1/contracts/:id/diff").handler(this::diff);
    router.get("/api/v1/contracts/:id/changelog").handler(this::changelog);
    router.get("/api/v1/contracts").handler(this::list);
  }

  private void register(RoutingContext ctx) {
    // anything thrown here (unparsable body, invalid contract) reaches the router's failure handler
    service.register(Caller.of(ctx), ctx.pathParam("id"), DocumentExchange.body(ctx))
        .onSuccess(registration -> respond(ctx, registration.created() ? 201 : 200, registration.contract()))
        .onFailure(ctx::fail);
  }

  /** The registration's checks without storing: 200 with what it would do, or the problem the PUT would answer. */
  private void dryRun(RoutingContext ctx) {
    service.dryRun(Caller.of(ctx), ctx.pathParam("id"), DocumentExchange.body(ctx))
        .onSuccess(run -> ctx.json(DocumentExchange.dryRun("DataContract", run.contract().id(), run.outcome(), run.changes())
            .put("version", run.contract().version().text())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("id"))
        .onSuccess(contract -> respond(ctx, 200, contract))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void diff(RoutingContext ctx) {
    service.diff(ctx.pathParam("id"), ctx.request().getParam("from"), ctx.request().getParam("to"))
        .onSuccess(diff -> ctx.json(new JsonObject()
            .put("id", diff.id())
            .put("from", diff.from())
            .put("to", diff.to())
            .put("breaking", diff.changes().stream().anyMatch(Change::breaking))
            .put("changes", changes(diff.changes()))))
        .onFailure(ctx::fail);
  }

  private void changelog(RoutingContext ctx) {
    service.changelog(ctx.pathParam("id"))
        .onSuccess(history -> {
          JsonArray entries = new JsonArray();
          history.forEach(r -> entries.add(new JsonObject()
              .put("revision", r.revision())
              .put("version", r.version())
              .put("status", r.status())
              .put("at", r.at().toString())
              .put("by", r.by())
              .put("summary", summary(r))
              .put("changes", changes(r.changes()))));
          ctx.json(new JsonObject().put("id", ctx.pathParam("id")).put("entries", entries));
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(DocumentExchange.offset(ctx), DocumentExchange.limit(ctx))
        .onSuccess(page -> {
          JsonArray items = new JsonArray();
          page.items().forEach(contract -> items.add(new JsonObject(DocumentFormat.JSON.write(contract.document()))));
          ctx.json(new JsonObject().put("items", items).put("total", page.total()).put("offset", page.offset()).put("limit", page.limit()));
        })
        .onFailure(ctx::fail);
  }

  /** One line a person reads: "Version 1.1.0 (active) by olivia at …: description of x changed; …". */
  private static String summary(Revision r) {
    String what = r.changes().isEmpty() ? "no change to the schema"
        : r.changes().stream().map(Change::description).collect(Collectors.joining("; "));
    return "Version " + r.version() + " (" + r.status() + ") by " + r.by() + " at " + r.at() + ": " + what;
  }

  private static JsonArray changes(List<Change> changes) {
    JsonArray array = new JsonArray();
    changes.forEach(c -> array.add(new JsonObject(c.toMap())));
    return array;
  }

  private static void respond(RoutingContext ctx, int status, DataContract contract) {
    DocumentExchange.respond(ctx, status, "/api/v1/contracts/" + contract.id(), contract.document());
  }
}
