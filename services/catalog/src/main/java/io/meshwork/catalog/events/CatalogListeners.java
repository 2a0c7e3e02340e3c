package io.meshwork.catalog.events;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners as one. The change is already stored when they run, so a listener that fails
 * (the event store unreachable for a moment) is logged and does not turn a stored registration
 * into an error the client would retry.
 */
public final class CatalogListeners implements CatalogListener {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogListeners.class);

  private final List<CatalogListener> listeners;

  public CatalogListeners(List<CatalogListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Future<Void> productStored(Caller by, DataProduct before, DataProduct after) {
    return each("product " + after.id(), l -> l.productStored(by, before, after));
  }

  @Override
  public Future<Void> productDeleted(Caller by, DataProduct product) {
    return each("product " + product.id(), l -> l.productDeleted(by, product));
  }

  @Override
  public Future<Void> contractStored(Caller by, DataContract before, DataContract after) {
    return each("contract " + after.id(), l -> l.contractStored(by, before, after));
  }

  @Override
  public Future<Void> contractDeleted(Caller by, DataContract contract) {
    return each("contract " + contract.id(), l -> l.contractDeleted(by, contract));
  }

  @Override
  public Future<Void> breakingChangeRejected(Caller by, DataContract current, DataContract proposed, List<Change> breaking) {
    return each("contract " + current.id(), l -> l.breakingChangeRejected(by, current, proposed, breaking));
  }

  private Future<Void> each(String what, Function<CatalogListener, Future<Void>> call) {
    List<Future<Void>> calls = listeners.stream()
        .map(listener -> {
          Future<Void> called;
          try {
            called = call.apply(listener);
          } catch (RuntimeException e) {
            called = Future.failedFuture(e);
          }
          return called.recover(err -> {
            LOG.warn("after storing {}: {} failed: {}", what, listener.getClass().getSimpleName(), err.toString());
            return Future.<Void>succeededFuture();
          });
        })
        .toList();
    return Future.all(calls).mapEmpty();
  }
}
