package io.meshwork.catalog.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.governance.Governance;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Revision;
import io.meshwork.catalog.store.RevisionLog;
import io.meshwork.catalog.store.Stored;
import io.meshwork.catalog.web.DomainOwnership;
import io.meshwork.catalog.web.Violations;
import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.model.product.DataProduct;
import io.meshwork.model.product.ProductChanges;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * Registration and reading of data products. Every stored change appends an immutable revision;
 * the lifecycle only moves forward once a product is active (active → deprecated → retired), and
 * only drafts are deleted.
 */
final class ProductService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(DataProduct product, boolean created) {}

  /** What a registration would do (create, update, unchanged) and what would change; nothing stored. */
  record DryRun(DataProduct product, String outcome, List<Change> changes) {}

  private static final String CREATE = "create";
  private static final String UPDATE = "update";
  private static final String UNCHANGED = "unchanged";

  /** One page of the catalog. */
  record Page(List<DataProduct> items, long total, int offset, int limit) {}

  private final DescriptorCollection<DataProduct> products;
  private final RevisionLog revisions;
  private final Function<Collection<String>, Future<Set<String>>> registeredContracts;
  private final Governance governance;
  private final CatalogListener listener;

  /**
   * @param registeredContracts which of the given contract ids are registered
   * @param governance          the standards an active product must meet
   * @param listener            told of every stored change
   */
  ProductService(DescriptorCollection<DataProduct> products, RevisionLog revisions,
      Function<Collection<String>, Future<Set<String>>> registeredContracts, Governance governance, CatalogListener listener) {
    this.products = products;
    this.revisions = revisions;
    this.registeredContracts = registeredContracts;
    this.governance = governance;
    this.listener = listener;
  }

  /**
   * Registers or updates a product, idempotently: the same descriptor twice stores one product
   * and the second call changes nothing. Only a mesh admin or a domain owner of the product's
   * domain may write — of both the new domain and, for an update, the domain it is in now, so a
   * product cannot be moved out of a domain by someone who does not own it. Every contract a
   * port names must be registered, except an input port's contract marked external. An active
   * product must meet the governance rules (a draft need not).
   */
  Future<Registration> register(Caller caller, String pathId, JsonNode document) {
    DataProduct product = DataProduct.from(document);
    if (!product.id().equals(pathId)) {
      throw new InvalidException("The descriptor's id does not match the URL",
          List.of(new Violation("/id", "must equal the id in the URL ('" + pathId + "')")));
    }
    DomainOwnership.require(caller, product.domain(), "products");
    return checkReferences(product).compose(v -> products.find(product.id())).compose(existing -> {
      DryRun plan = plan(caller, product, existing);
      if (plan.outcome().equals(UNCHANGED)) {
        return Future.succeededFuture(new Registration(plan.product(), false));
      }
      if (existing.isEmpty()) {
        return governance.requireConformance(product)
            .compose(conforms -> products.insert(product.id(), fields(product), product.document(), caller.username()))
            .compose(created -> revisions.append(revision(product, 1, caller, plan.changes())))
            .compose(created -> listener.productStored(caller, null, product))
            .map(created -> new Registration(product, true));
      }
      Stored<DataProduct> stored = existing.get();
      return governance.requireConformance(product)
          .compose(conforms -> products.replace(product.id(), stored.revision(), fields(product), product.document(), caller.username()))
          .compose(replaced -> revisions.append(revision(product, stored.revision() + 1, caller, plan.changes())))
          .compose(replaced -> listener.productStored(caller, stored.value(), product))
          .map(replaced -> new Registration(product, false));
    });
  }

  /**
   * Checks a descriptor as {@link #register} would, and stores nothing: the same rules (parse, id,
   * ownership, registered contracts, governance for an active product, lifecycle), except that the
   * id, reference and governance findings come back together in one 400, so an owner sees every
   * error of the document at once while writing it.
   */
  Future<DryRun> dryRun(Caller caller, String pathId, JsonNode document) {
    DataProduct product = DataProduct.from(document);
    DomainOwnership.require(caller, product.domain(), "products");
    List<Violation> found = new ArrayList<>();
    if (!product.id().equals(pathId)) {
      found.add(new Violation("/id", "must equal the id in the URL ('" + pathId + "')"));
    }
    Future<List<Violation>> references = Violations.of(checkReferences(product));
    Future<List<Violation>> governed = Violations.of(governance.requireConformance(product));
    return Future.all(references, governed, products.find(product.id())).map(all -> {
      found.addAll(all.resultAt(0));
      found.addAll(all.<List<Violation>>resultAt(1));
      if (!found.isEmpty()) {
        throw new InvalidException("The data product would be refused: " + found.size() + " problem(s)", found);
      }
      return plan(caller, product, all.<Optional<Stored<DataProduct>>>resultAt(2));
    });
  }

  /**
   * What storing {@code product} over what is stored would do — the part of a registration
   * {@link #register} and {@link #dryRun} share: a new product is created; otherwise the writer must
   * own the stored product's domain, the same document changes nothing, and a change must follow
   * the lifecycle.
   */
  private static DryRun plan(Caller caller, DataProduct product, Optional<Stored<DataProduct>> existing) {
    if (existing.isEmpty()) {
      return new DryRun(product, CREATE, List.of(new Change("", "registered as " + product.status().wireName(), false)));
    }
    DataProduct before = existing.get().value();
    DomainOwnership.require(caller, before.domain(), "products");
    if (before.document().equals(product.document())) {
      return new DryRun(before, UNCHANGED, List.of());
    }
    if (!before.status().canMoveTo(product.status())) {
      throw new ConflictException("Product " + product.id() + " cannot move from " + before.status().wireName() + " to "
          + product.status().wireName() + ": an active product is deprecated, then retired");
    }
    return new DryRun(product, UPDATE, ProductChanges.between(before, product));
  }

  /** Deletes a draft; a product that has been active is deprecated and retired instead. */
  Future<Void> delete(Caller caller, String id) {
    return products.find(id).compose(found -> {
      Stored<DataProduct> stored = found.orElseThrow(() -> new NotFoundException("No data product with id '" + id + "'"));
      DataProduct product = stored.value();
      DomainOwnership.require(caller, product.domain(), "products");
      if (!product.status().isDraft()) {
        throw new ConflictException("Product " + id + " is " + product.status().wireName()
            + "; only proposed and draft products are deleted — deprecate it, then retire it");
      }
      return products.delete(id, stored.revision())
          .compose(v -> revisions.append(new Revision(id, stored.revision() + 1, null, "deleted", Instant.now(), caller.username(),
              List.of(new Change("", "deleted the draft", false)), null)))
          .compose(v -> listener.productDeleted(caller, product));
    });
  }

  /** The product's history, newest first. */
  Future<List<Revision>> history(String id) {
    return get(id).compose(product -> revisions.history(id));
  }

  Future<DataProduct> get(String id) {
    return products.find(id).map(found -> found
        .orElseThrow(() -> new NotFoundException("No data product with id '" + id + "'"))
        .value());
  }

  Future<Page> list(int offset, int limit) {
    return Future.all(products.list(offset, limit), products.count())
        .map(both -> new Page(both.resultAt(0), both.<Long>resultAt(1), offset, limit));
  }

  private Future<Void> checkReferences(DataProduct product) {
    Set<String> referenced = new LinkedHashSet<>();
    product.outputPorts().stream().filter(p -> p.contractId() != null).forEach(p -> referenced.add(p.contractId()));
    product.inputPorts().stream().filter(p -> !p.external()).forEach(p -> referenced.add(p.contractId()));
    return registeredContracts.apply(referenced).map(registered -> {
      List<Violation> missing = new ArrayList<>();
      for (DataProduct.OutputPort port : product.outputPorts()) {
        if (port.contractId() != null && !registered.contains(port.contractId())) {
          missing.add(new Violation(port.pointer() + "/contractId",
              "no contract '" + port.contractId() + "' is registered; PUT it to /api/v1/contracts/" + port.contractId() + " first"));
        }
      }
      for (DataProduct.InputPort port : product.inputPorts()) {
        if (!port.external() && !registered.contains(port.contractId())) {
          missing.add(new Violation(port.pointer() + "/contractId",
              "no contract '" + port.contractId() + "' is registered; register it, or mark the port external with the custom property "
                  + "'" + DataProduct.EXTERNAL_PROPERTY + ": true' if the data comes from outside the mesh"));
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidException("The data product references unknown contracts", missing);
      }
      return null;
    });
  }

  private static Revision revision(DataProduct product, long number, Caller caller, List<Change> changes) {
    return new Revision(product.id(), number, null, product.status().wireName(), Instant.now(), caller.username(), changes,
        product.document());
  }

  /** {@code contracts}: every contract id a port names, so a contract knows which products use it. */
  private static Document fields(DataProduct product) {
    Set<String> contracts = new LinkedHashSet<>();
    product.inputPorts().forEach(p -> contracts.add(p.contractId()));
    product.outputPorts().stream().filter(p -> p.contractId() != null).forEach(p -> contracts.add(p.contractId()));
    return new Document("domain", product.domain())
        .append("status", product.status().wireName())
        .append("name", product.name())
        .append("contracts", List.copyOf(contracts));
  }
}
