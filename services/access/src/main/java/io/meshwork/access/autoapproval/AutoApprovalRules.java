package io.meshwork.access.autoapproval;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** The auto-approval rules of each product, one document per product in {@code auto_approval_rules}. */
public final class AutoApprovalRules {

  private final Vertx vertx;
  private final MongoCollection<Document> rules;

  public AutoApprovalRules(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.rules = database.getCollection("auto_approval_rules");
  }

  public Future<List<AutoApprovalRule>> of(String productId) {
    return Reactive.first(vertx, rules.find(Filters.eq("_id", productId)).first()).map(doc -> {
      if (doc == null) {
        return List.of();
      }
      List<AutoApprovalRule> parsed = new ArrayList<>();
      JsonArray stored = new JsonObject(doc.toJson()).getJsonArray("rules", new JsonArray());
      for (int i = 0; i < stored.size(); i++) {
        parsed.add(AutoApprovalRule.fromJson(stored.getValue(i), "/rules/" + i, new ArrayList<>()));
      }
      return parsed;
    });
  }

  public Future<Void> replace(String productId, List<AutoApprovalRule> productRules, String by) {
    Document doc = new Document("_id", productId)
        .append("rules", productRules.stream().map(r -> Document.parse(r.toJson().encode())).toList())
        .append("updatedBy", by)
        .append("updatedAt", Date.from(Instant.now()));
    return Reactive.first(vertx, rules.replaceOne(Filters.eq("_id", productId), doc, new ReplaceOptions().upsert(true))).mapEmpty();
  }

  /** Parses a {@code {"rules": [...]}} body, reporting every problem at once. */
  public static List<AutoApprovalRule> parse(JsonObject body) {
    List<Violation> violations = new ArrayList<>();
    List<AutoApprovalRule> parsed = new ArrayList<>();
    if (!(body.getValue("rules") instanceof JsonArray array)) {
      throw new InvalidException("The rules are invalid", List.of(new Violation("/rules", "must be an array (empty: no auto-approval)")));
    }
    for (int i = 0; i < array.size(); i++) {
      AutoApprovalRule rule = AutoApprovalRule.fromJson(array.getValue(i), "/rules/" + i, violations);
      if (rule != null) {
        parsed.add(rule);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The rules are invalid", violations);
    }
    return parsed;
  }
}
