package io.meshwork.catalog.events;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's CloudEvents, appended to the mesh's {@link EventLog} (the feed, and from there
 * the webhooks and other nodes' search indexes). The data carries what a subscriber needs to
 * decide whether to fetch the document — id, name, domain, status, version, what changed — and
 * not the document itself.
 */
public final class CatalogEvents implements CatalogListener {

  public static final String SOURCE = "/meshwork/catalog";
  public static final String PRODUCT_REGISTERED = "io.meshwork.dataproduct.registered";
  public static final String PRODUCT_UPDATED = "io.meshwork.dataproduct.updated";
  public static final String PRODUCT_DEPRECATED = "io.meshwork.dataproduct.deprecated";
  public static final String PRODUCT_DELETED = "io.meshwork.dataproduct.deleted";
  public static final String CONTRACT_PUBLISHED = "io.meshwork.contract.published";
  public static final String CONTRACT_UPDATED = "io.meshwork.contract.updated";
  public static final String CONTRACT_DELETED = "io.meshwork.contract.deleted";
  public static final String CONTRACT_BREAKING_CHANGE_REJECTED = "io.meshwork.contract.breaking-change-rejected";
  /** Every type above, for subscribers and feed followers. */
  public static final List<String> TYPES = List.of(PRODUCT_REGISTERED, PRODUCT_UPDATED, PRODUCT_DEPRECATED, PRODUCT_DELETED,
      CONTRACT_PUBLISHED, CONTRACT_UPDATED, CONTRACT_DELETED, CONTRACT_BREAKING_CHANGE_REJECTED);

  /** How many of this node's latest event ids are remembered; feed followers skip those. */
  private static final int REMEMBERED = 10_000;

  private final EventLog log;
  private final Set<String> appendedHere = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  });

  public CatalogEvents(EventLog log) {
    this.log = log;
  }

  /** Whether this node appended the event (recently): its effects are applied here already. */
  public boolean appendedHere(String eventId) {
    synchronized (appendedHere) {
      return appendedHere.contains(eventId);
    }
  }

  /**
   * A new product is registered; a change that deprecates it is announced as deprecated, any
   * other change as updated.
   */
  @Override
  public Future<Void> productStored(Caller by, DataProduct before, DataProduct after) {
    String type = before == null ? PRODUCT_REGISTERED
        : after.status() == Lifecycle.DEPRECATED && before.status() != Lifecycle.DEPRECATED ? PRODUCT_DEPRECATED
        : PRODUCT_UPDATED;
    JsonObject data = product(after).put("by", by.username());
    if (before != null && before.status() != after.status()) {
      data.put("previousStatus", before.status().wireName());
    }
    return append(type, after.id(), data);
  }

  @Override
  public Future<Void> productDeleted(Caller by, DataProduct product) {
    return append(PRODUCT_DELETED, product.id(), product(product).put("by", by.username()));
  }

  /**
   * A contract is published when what it now says is active — registered as active, activated,
   * or changed while active (a new version); changes to drafts and deprecations are updates.
   */
  @Override
  public Future<Void> contractStored(Caller by, DataContract before, DataContract after) {
    String type = after.status() == Lifecycle.ACTIVE ? CONTRACT_PUBLISHED : CONTRACT_UPDATED;
    JsonObject data = contract(after).put("by", by.username());
    if (before != null) {
      data.put("previousVersion", before.version().text()).put("previousStatus", before.status().wireName());
    }
    return append(type, after.id(), data);
  }

  @Override
  public Future<Void> contractDeleted(Caller by, DataContract contract) {
    return append(CONTRACT_DELETED, contract.id(), contract(contract).put("by", by.username()));
  }

  @Override
  public Future<Void> breakingChangeRejected(Caller by, DataContract current, DataContract proposed, List<Change> breaking) {
    JsonArray changes = new JsonArray();
    breaking.forEach(c -> changes.add(new JsonObject(c.toMap())));
    JsonObject data = contract(current)
        .put("proposedVersion", proposed.version().text())
        .put("breakingChanges", changes)
        .put("by", by.username());
    return append(CONTRACT_BREAKING_CHANGE_REJECTED, current.id(), data);
  }

  private Future<Void> append(String type, String subject, JsonObject data) {
    CloudEvent event = CloudEvent.of(SOURCE, type, subject, data);
    synchronized (appendedHere) {
      appendedHere.add(event.id());
    }
    return log.append(event).mapEmpty();
  }

  private static JsonObject product(DataProduct product) {
    return new JsonObject()
        .put("id", product.id())
        .put("name", product.name())
        .put("domain", product.domain())
        .put("status", product.status().wireName());
  }

  private static JsonObject contract(DataContract contract) {
    return new JsonObject()
        .put("id", contract.id())
        .put("name", contract.name())
        .put("domain", contract.domain())
        .put("version", contract.version().text())
        .put("status", contract.status().wireName());
  }
}
