package io.meshwork.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Stored;
import io.meshwork.model.domain.Domain;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * Domains: described by their owners, and seen with the products registered in them. A domain
 * that has products but no description yet is listed too, so the list is the mesh as it is.
 */
final class DomainService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(Domain domain, boolean created) {}

  /** A domain with the ids of its products; {@code domain} is empty when nobody described it yet. */
  record DomainView(String name, Optional<Domain> domain, List<String> products) {}

  private final DescriptorCollection<Domain> domains;
  private final Supplier<Future<Map<String, String>>> productDomains;
  private final DomainGroups groups;

  /**
   * @param productDomains the domain of every registered product, by product id
   * @param groups         creates a new domain's groups in the identity system
   */
  DomainService(DescriptorCollection<Domain> domains, Supplier<Future<Map<String, String>>> productDomains, DomainGroups groups) {
    this.domains = domains;
    this.productDomains = productDomains;
    this.groups = groups;
  }

  /**
   * Describes a domain, idempotently. A mesh admin may describe any domain; a domain owner may
   * change the description of a domain whose group they are in, but only a mesh admin creates one.
   * A domain a mesh admin creates or describes gets its groups first (those missing): if the
   * identity system cannot make them, nothing is stored and the admin may simply try again.
   */
  Future<Registration> register(Caller caller, String pathName, JsonNode document) {
    Domain domain = Domain.from(document);
    if (!domain.name().equals(pathName)) {
      throw new InvalidException("The domain's name does not match the URL",
          List.of(new Violation("/name", "must equal the name in the URL ('" + pathName + "')")));
    }
    return domains.find(domain.name()).compose(existing -> {
      if (existing.isEmpty()) {
        if (!caller.hasRole(Caller.MESH_ADMIN)) {
          throw new ForbiddenException("Only a mesh-admin may create the domain '" + domain.name() + "'");
        }
        return groups.ensure(domain.name())
            .compose(v -> domains.insert(domain.name(), fields(domain), domain.document(), caller.username()))
            .map(v -> new Registration(domain, true));
      }
      if (!caller.administers(domain.name())) {
        throw new ForbiddenException("Only a mesh-admin or a domain-owner of domain '" + domain.name() + "' may change it");
      }
      Stored<Domain> stored = existing.get();
      // an admin's PUT also repairs groups that are missing (a domain from before, a group deleted by hand)
      Future<Void> groupsReady = caller.hasRole(Caller.MESH_ADMIN) ? groups.ensure(domain.name()) : Future.succeededFuture();
      if (stored.value().document().equals(domain.document())) {
        return groupsReady.map(v -> new Registration(stored.value(), false));
      }
      return groupsReady
          .compose(v -> domains.replace(domain.name(), stored.revision(), fields(domain), domain.document(), caller.username()))
          .map(v -> new Registration(domain, false));
    });
  }

  Future<List<DomainView>> list() {
    return Future.all(domains.list(0, Integer.MAX_VALUE), productDomains.get()).map(both -> {
      List<Domain> described = both.resultAt(0);
      Map<String, String> products = both.resultAt(1);
      Map<String, List<String>> byDomain = new TreeMap<>();
      described.forEach(d -> byDomain.put(d.name(), new ArrayList<>()));
      products.forEach((product, domain) -> byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(product));
      List<DomainView> views = new ArrayList<>();
      byDomain.forEach((name, ids) -> views.add(new DomainView(name,
          described.stream().filter(d -> d.name().equals(name)).findFirst(), List.copyOf(new TreeSet<>(ids)))));
      return views;
    });
  }

  Future<DomainView> get(String name) {
    return list().map(all -> all.stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("No domain named '" + name + "'")));
  }

  private static Document fields(Domain domain) {
    return new Document("owners", domain.owners());
  }
}
