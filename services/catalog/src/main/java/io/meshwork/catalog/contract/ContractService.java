package io.meshwork.catalog.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.governance.Governance;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Revision;
import io.meshwork.catalog.store.RevisionLog;
import io.meshwork.catalog.store.Stored;
import io.meshwork.catalog.web.DomainOwnership;
import io.meshwork.catalog.web.Violations;
import io.meshwork.model.contract.ContractChanges;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SemVer;
import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;

/**
 * Registration, versioning and reading of data contracts. Every stored change appends an
 * immutable revision. Once a contract has left draft, its consumers are protected: a change that
 * breaks them needs a new major version, the version never goes backwards, and the lifecycle only
 * moves forward (active → deprecated → retired).
 */
final class ContractService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(DataContract contract, boolean created) {}

  /** What a registration would do (create, update, unchanged) and what would change; nothing stored. */
  record DryRun(DataContract contract, String outcome, List<Change> changes) {}

  private static final String CREATE = "create";
  private static final String UPDATE = "update";
  private static final String UNCHANGED = "unchanged";

  /** One page of contracts. */
  record Page(List<DataContract> items, long total, int offset, int limit) {}

  /** The differences between two versions of a contract. */
  record Diff(String id, String from, String to, List<Change> changes) {}

  private final DescriptorCollection<DataContract> contracts;
  private final RevisionLog revisions;
  private final Function<String, Future<List<String>>> productsUsing;
  private final Governance governance;
  private final CatalogListener listener;

  /**
   * @param productsUsing ids of the products whose ports name a contract
   * @param governance    the standards an active contract must meet
   * @param listener      told of every stored change and of rejected breaking changes
   */
  ContractService(DescriptorCollection<DataContract> contracts, RevisionLog revisions, Function<String, Future<List<String>>> productsUsing,
      Governance governance, CatalogListener listener) {
    this.contracts = contracts;
    this.revisions = revisions;
    this.productsUsing = productsUsing;
    this.governance = governance;
    this.listener = listener;
  }

  /**
   * Registers or updates a contract, idempotently: the same document twice stores one contract
   * and the second call changes nothing. Writers must own both the contract's new domain and,
   * for an update, the domain it is in now. An active contract must meet the governance rules.
   */
  Future<Registration> register(Caller caller, String pathId, JsonNode document) {
    DataContract contract = DataContract.from(document);
    if (!contract.id().equals(pathId)) {
      throw new InvalidException("The contract's id does not match the URL",
          List.of(new Violation("/id", "must equal the id in the URL ('" + pathId + "')")));
    }
    DomainOwnership.require(caller, contract.domain(), "contracts");
    return contracts.find(contract.id()).compose(existing -> {
      DryRun plan;
      try {
        plan = plan(caller, contract, existing);
      } catch (ConflictException rejected) {
        if (!rejected.extensions().containsKey("breakingChanges")) {
          throw rejected;
        }
        // announced (io.meshwork.contract.breaking-change-rejected), then refused
        DataContract before = existing.get().value();
        List<Change> breaking = ContractChanges.breaking(ContractChanges.between(before, contract));
        return listener.breakingChangeRejected(caller, before, contract, breaking).compose(v -> Future.failedFuture(rejected));
      }
      if (plan.outcome().equals(UNCHANGED)) {
        return Future.succeededFuture(new Registration(plan.contract(), false));
      }
      if (existing.isEmpty()) {
        return governance.requireConformance(contract)
            .compose(v -> contracts.insert(contract.id(), fields(contract), contract.document(), caller.username()))
            .compose(v -> revisions.append(revision(contract, 1, caller, plan.changes())))
            .compose(v -> listener.contractStored(caller, null, contract))
            .map(v -> new Registration(contract, true));
      }
      Stored<DataContract> stored = existing.get();
      return governance.requireConformance(contract)
          .compose(v -> contracts.replace(contract.id(), stored.revision(), fields(contract), contract.document(), caller.username()))
          .compose(v -> revisions.append(revision(contract, stored.revision() + 1, caller, plan.changes())))
          .compose(v -> listener.contractStored(caller, stored.value(), contract))
          .map(v -> new Registration(contract, false));
    });
  }

  /**
   * Checks a contract as {@link #register} would, and stores nothing nor announces anything: the id
   * and governance findings come back together in one 400; a breaking change without a new major
   * version is the same 409 with {@code breakingChanges}. An accepted update lists its changes, the
   * breaking ones marked, so the owner sees the diff before publishing.
   */
  Future<DryRun> dryRun(Caller caller, String pathId, JsonNode document) {
    DataContract contract = DataContract.from(document);
    DomainOwnership.require(caller, contract.domain(), "contracts");
    List<Violation> found = new ArrayList<>();
    if (!contract.id().equals(pathId)) {
      found.add(new Violation("/id", "must equal the id in the URL ('" + pathId + "')"));
    }
    return Future.all(Violations.of(governance.requireConformance(contract)), contracts.find(contract.id())).map(both -> {
      found.addAll(both.<List<Violation>>resultAt(0));
      if (!found.isEmpty()) {
        throw new InvalidException("The data contract would be refused: " + found.size() + " problem(s)", found);
      }
      return plan(caller, contract, both.<Optional<Stored<DataContract>>>resultAt(1));
    });
  }

  /**
   * What storing {@code contract} over what is stored would do — the part of a registration
   * {@link #register} and {@link #dryRun} share: a new contract is created; otherwise the writer
   * must own the stored contract's domain, the same document changes nothing, and a change must
   * pass {@link #checkUpdate}.
   */
  private static DryRun plan(Caller caller, DataContract contract, Optional<Stored<DataContract>> existing) {
    if (existing.isEmpty()) {
      return new DryRun(contract, CREATE,
          List.of(new Change("", "registered version " + contract.version() + " as " + contract.status().wireName(), false)));
    }
    DataContract before = existing.get().value();
    DomainOwnership.require(caller, before.domain(), "contracts");
    if (before.document().equals(contract.document())) {
      return new DryRun(before, UNCHANGED, List.of());
    }
    return new DryRun(contract, UPDATE, checkUpdate(before, contract));
  }

  /** The gate: lifecycle, version order, and no breaking change without a new major version. */
  private static List<Change> checkUpdate(DataContract before, DataContract after) {
    if (!before.status().canMoveTo(after.status())) {
      throw new ConflictException("Contract " + after.id() + " cannot move from " + before.status().wireName() + " to "
          + after.status().wireName() + ": an active contract is deprecated, then retired");
    }
    if (after.version().compareTo(before.version()) < 0) {
      throw new ConflictException("Contract " + after.id() + " is at version " + before.version()
          + "; a change cannot go back to " + after.version());
    }
    List<Change> changes = ContractChanges.between(before, after);
    List<Change> breaking = ContractChanges.breaking(changes);
    boolean consumersProtected = !before.status().isDraft();
    if (consumersProtected && !breaking.isEmpty() && after.version().major() <= before.version().major()) {
      throw new ConflictException("Breaking changes to contract " + after.id() + " need a new major version (from "
          + before.version() + " to " + (before.version().major() + 1) + ".0.0 or later)",
          Map.of("breakingChanges", breaking.stream().map(Change::toMap).toList()));
    }
    return changes;
  }

  Future<DataContract> get(String id) {
    return find(id).map(Stored::value);
  }

  Future<Page> list(int offset, int limit) {
    return Future.all(contracts.list(offset, limit), contracts.count())
        .map(both -> new Page(both.resultAt(0), both.<Long>resultAt(1), offset, limit));
  }

  /**
   * Deletes a draft. Contracts that have been active are deprecated and retired instead, and a
   * contract a product's port names stays until the product stops naming it.
   */
  Future<Void> delete(Caller caller, String id) {
    return find(id).compose(stored -> {
      DataContract contract = stored.value();
      DomainOwnership.require(caller, contract.domain(), "contracts");
      if (!contract.status().isDraft()) {
        throw new ConflictException("Contract " + id + " is " + contract.status().wireName()
            + "; only proposed and draft contracts are deleted — deprecate it, then retire it");
      }
      return productsUsing.apply(id).compose(products -> {
        if (!products.isEmpty()) {
          throw new ConflictException("Contract " + id + " is named by the ports of " + products + "; change those products first",
              Map.of("products", products));
        }
        return contracts.delete(id, stored.revision());
      }).compose(v -> revisions.append(new Revision(id, stored.revision() + 1, contract.version().text(), "deleted", Instant.now(),
          caller.username(), List.of(new Change("", "deleted draft version " + contract.version(), false)), null)))
          .compose(v -> listener.contractDeleted(caller, contract));
    });
  }

  /** What changed from version {@code from} to version {@code to} (default: the current one). */
  Future<Diff> diff(String id, String from, String to) {
    SemVer fromVersion = version("from", from);
    SemVer toVersion = to == null ? null : version("to", to);
    return Future.all(find(id), revisions.history(id)).map(both -> {
      DataContract current = both.<Stored<DataContract>>resultAt(0).value();
      List<Revision> history = both.resultAt(1);
      DataContract before = atVersion(id, history, fromVersion);
      DataContract after = toVersion == null ? current : atVersion(id, history, toVersion);
      return new Diff(id, before.version().text(), after.version().text(), ContractChanges.between(before, after));
    });
  }

  /** The contract's history, newest first. */
  Future<List<Revision>> changelog(String id) {
    return find(id).compose(stored -> revisions.history(id));
  }

  private Future<Stored<DataContract>> find(String id) {
    return contracts.find(id).map(found -> found.orElseThrow(() -> new NotFoundException("No data contract with id '" + id + "'")));
  }

  /** The newest revision that carried {@code version}. */
  private static DataContract atVersion(String id, List<Revision> history, SemVer version) {
    return history.stream()
        .filter(r -> !r.deleted() && version.text().equals(r.version()))
        .findFirst()
        .map(r -> DataContract.from(r.descriptor()))
        .orElseThrow(() -> new NotFoundException("Contract " + id + " has no version " + version));
  }

  private static SemVer version(String name, String value) {
    if (value == null) {
      throw new InvalidException("Query parameter '" + name + "' is required",
          List.of(new Violation("/" + name, "is required: a version of the contract, such as 1.0.0")));
    }
    return SemVer.parse(value).orElseThrow(() -> new InvalidException("Invalid query parameter '" + name + "'",
        List.of(new Violation("/" + name, "must be a semantic version such as 1.0.0"))));
  }

  private static Revision revision(DataContract contract, long number, Caller caller, List<Change> changes) {
    return new Revision(contract.id(), number, contract.version().text(), contract.status().wireName(), Instant.now(),
        caller.username(), changes, contract.document());
  }

  private static Document fields(DataContract contract) {
    return new Document("domain", contract.domain())
        .append("status", contract.status().wireName())
        .append("version", contract.version().text())
        .append("name", contract.name());
  }
}
