package io.meshwork.catalog.search;

import io.meshwork.catalog.events.CatalogEvents;
import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.governance.Governance;
import io.meshwork.catalog.governance.GovernanceRule;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Stored;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the catalog: built from MongoDB at start, updated by this
 * node's registrations before they answer (so what a client registered is searchable when its PUT
 * returns), and by other nodes' registrations as they appear in the event feed. Lucene work runs
 * on a worker pool of its own, never on the event loop.
 */
public final class CatalogSearch implements CatalogListener {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogSearch.class);
  private static final int LOAD_PAGE = 2000;

  private final Vertx vertx;
  private final DescriptorCollection<DataProduct> products;
  private final DescriptorCollection<DataContract> contracts;
  private final Governance governance;
  private final EventLog events;
  private final CatalogEvents ownEvents;
  private final Duration followEvery;
  private final SearchIndex index = new SearchIndex();
  private final WorkerExecutor worker;
  private long cursor;
  private boolean following;

  /**
   * @param ownEvents   what this node announced (its own registrations are indexed already)
   * @param followEvery how often the feed is read for other nodes' registrations
   */
  public CatalogSearch(Vertx vertx, DescriptorCollection<DataProduct> products, DescriptorCollection<DataContract> contracts,
      Governance governance, EventLog events, CatalogEvents ownEvents, Duration followEvery) {
    this.vertx = vertx;
    this.products = products;
    this.contracts = contracts;
    this.governance = governance;
    this.events = events;
    this.ownEvents = ownEvents;
    this.followEvery = followEvery;
    this.worker = vertx.createSharedWorkerExecutor("meshwork-search", 2);
  }

  /** Notes where the feed is, builds the index from the store, then follows the feed from there. */
  public Future<Void> start() {
    return events.lastSequence()
        .compose(head -> {
          cursor = head;
          return rebuild();
        })
        .onSuccess(v -> vertx.setPeriodic(followEvery.toMillis(), timer -> follow()));
  }

  /** Every product, with its output contracts and its conformance, indexed in pages. */
  private Future<Void> rebuild() {
    long started = System.nanoTime();
    return Future.all(governance.rules(), allContracts()).compose(both -> {
      List<GovernanceRule> rules = both.resultAt(0);
      Map<String, DataContract> byId = both.resultAt(1);
      return loadPage(0, rules, byId);
    }).compose(count -> blocking(() -> {
      index.refresh();
      LOG.info("search index built: {} products in {} ms", count, (System.nanoTime() - started) / 1_000_000);
      return null;
    }));
  }

  private Future<Integer> loadPage(int offset, List<GovernanceRule> rules, Map<String, DataContract> contractsById) {
    return products.list(offset, LOAD_PAGE).compose(page -> {
      List<SearchDocument> docs = page.stream().map(p -> document(p, outputContracts(p, contractsById), rules)).toList();
      return blocking(() -> {
        index.put(docs, false);
        return null;
      }).compose(v -> page.size() < LOAD_PAGE ? Future.succeededFuture(offset + page.size()) : loadPage(offset + LOAD_PAGE, rules, contractsById));
    });
  }

  private Future<Map<String, DataContract>> allContracts() {
    Map<String, DataContract> byId = new HashMap<>();
    return contractPage(0, byId).map(v -> byId);
  }

  private Future<Void> contractPage(int offset, Map<String, DataContract> into) {
    return contracts.list(offset, LOAD_PAGE).compose(page -> {
      page.forEach(c -> into.put(c.id(), c));
      return page.size() < LOAD_PAGE ? Future.succeededFuture() : contractPage(offset + LOAD_PAGE, into);
    });
  }

  /** Runs a search for a caller, on the search workers. */
  Future<SearchIndex.Result> search(SearchQuery query, Visibility visibility) {
    return blocking(() -> index.search(query, visibility));
  }

  @Override
  public Future<Void> productStored(Caller by, DataProduct before, DataProduct after) {
    return reindex(after);
  }

  @Override
  public Future<Void> productDeleted(Caller by, DataProduct product) {
    return blocking(() -> {
      index.remove(product.id());
      return null;
    });
  }

  /**
   * Products show their output contracts' columns: the products naming a changed contract are
   * indexed again. A new contract has none yet (a product names only registered contracts).
   */
  @Override
  public Future<Void> contractStored(Caller by, DataContract before, DataContract after) {
    return before == null ? Future.succeededFuture() : reindexUsersOf(after.id());
  }

  private Future<Void> reindexUsersOf(String contractId) {
    return products.idsWhere("contracts", contractId).compose(ids -> Future.all(ids.stream().map(this::reindex).toList())).mapEmpty();
  }

  private Future<Void> reindex(String productId) {
    return products.find(productId).compose(found -> found.isPresent() ? reindex(found.get().value())
        : blocking(() -> {
          index.remove(productId);
          return null;
        }));
  }

  private Future<Void> reindex(DataProduct product) {
    Map<String, Future<Optional<Stored<DataContract>>>> lookups = new LinkedHashMap<>();
    product.outputPorts().stream().filter(p -> p.contractId() != null).forEach(p -> lookups.computeIfAbsent(p.contractId(), contracts::find));
    return Future.all(governance.rules(), Future.all(List.copyOf(lookups.values()))).compose(both -> {
      List<DataContract> outputs = lookups.values().stream().map(Future::result).flatMap(Optional::stream).map(Stored::value).toList();
      SearchDocument doc = document(product, outputs, both.resultAt(0));
      return blocking(() -> {
        index.put(List.of(doc), true);
        return null;
      });
    });
  }

  /**
   * Reads the feed for registrations other nodes announced and indexes what they name, fetched
   * from the store (the event only says what changed). One read at a time; a failed read is tried
   * again at the next tick from the same cursor.
   */
  private void follow() {
    if (following) {
      return;
    }
    following = true;
    events.read(cursor, "io.meshwork.", EventLog.MAX_LIMIT)
        .compose(page -> {
          Set<String> productIds = new LinkedHashSet<>();
          Set<String> contractIds = new LinkedHashSet<>();
          for (CloudEvent event : page.items()) {
            if (ownEvents.appendedHere(event.id()) || event.subject() == null) {
              continue;
            }
            if (event.type().startsWith("io.meshwork.dataproduct.")) {
              productIds.add(event.subject());
            } else if (event.type().startsWith("io.meshwork.contract.") && !event.type().equals(CatalogEvents.CONTRACT_BREAKING_CHANGE_REJECTED)) {
              contractIds.add(event.subject());
            }
          }
          List<Future<Void>> updates = new ArrayList<>();
          productIds.forEach(id -> updates.add(reindex(id)));
          contractIds.forEach(id -> updates.add(reindexUsersOf(id)));
          return Future.all(updates).map(v -> page.next());
        })
        .onSuccess(next -> cursor = next)
        .onFailure(err -> LOG.warn("could not follow the event feed for search: {}", err.toString()))
        .onComplete(done -> following = false);
  }

  private static SearchDocument document(DataProduct product, List<DataContract> outputs, List<GovernanceRule> rules) {
    return SearchDocument.of(product, outputs, Governance.conformance(product, outputs, rules));
  }

  private static List<DataContract> outputContracts(DataProduct product, Map<String, DataContract> byId) {
    return product.outputPorts().stream().map(DataProduct.OutputPort::contractId).filter(id -> id != null).distinct()
        .map(byId::get).filter(c -> c != null).toList();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return worker.executeBlocking(work, false);
  }

  public void close() {
    worker.close();
    index.close();
  }
}
