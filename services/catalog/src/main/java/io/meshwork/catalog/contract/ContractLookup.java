package io.meshwork.catalog.contract;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Set;

/** What other catalog features may ask about contracts: which of these ids are registered. */
@FunctionalInterface
public interface ContractLookup {

  Future<Set<String>> registered(Collection<String> ids);
}
