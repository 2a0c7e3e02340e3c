package io.meshwork.catalog.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Stored;
import io.meshwork.catalog.web.DomainOwnership;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.List;
import org.bson.Document;

/** Registration and reading of data contracts. */
final class ContractService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(DataContract contract, boolean created) {}

  /** One page of contracts. */
  record Page(List<DataContract> items, long total, int offset, int limit) {}

  private final DescriptorCollection<DataContract> contracts;

  ContractService(DescriptorCollection<DataContract> contracts) {
    this.contracts = contracts;
  }

  /**
   * Registers or updates a contract, idempotently: the same document twice stores one contract
   * and the second call changes nothing. Writers must own both the contract's new domain and,
   * for an update, the domain it is in now.
   */
  Future<Registration> register(Caller caller, String pathId, JsonNode document) {
    DataContract contract = DataContract.from(document);
    if (!contract.id().equals(pathId)) {
      throw new InvalidException("The contract's id does not match the URL",
          List.of(new Violation("/id", "must equal the id in the URL ('" + pathId + "')")));
    }
    DomainOwnership.require(caller, contract.domain(), "contracts");
    return contracts.find(contract.id()).compose(existing -> {
      if (existing.isEmpty()) {
        return contracts.insert(contract.id(), fields(contract), contract.document(), caller.username())
            .map(v -> new Registration(contract, true));
      }
      Stored<DataContract> stored = existing.get();
      DomainOwnership.require(caller, stored.value().domain(), "contracts");
      if (stored.value().document().equals(contract.document())) {
        return Future.succeededFuture(new Registration(stored.value(), false));
      }
      return contracts.replace(contract.id(), stored.revision(), fields(contract), contract.document(), caller.username())
          .map(v -> new Registration(contract, false));
    });
  }

  Future<DataContract> get(String id) {
    return contracts.find(id).map(found -> found
        .orElseThrow(() -> new NotFoundException("No data contract with id '" + id + "'"))
        .value());
  }

  Future<Page> list(int offset, int limit) {
    return Future.all(contracts.list(offset, limit), contracts.count())
        .map(both -> new Page(both.resultAt(0), both.<Long>resultAt(1), offset, limit));
  }

  private static Document fields(DataContract contract) {
    return new Document("domain", contract.domain())
        .append("status", contract.status().wireName())
        .append("version", contract.version().text())
        .append("name", contract.name());
  }
}
