package io.meshwork.identity;

import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.UnavailableException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every identity feature runs a Keycloak admin operation (blocking: on a worker thread). */
public final class KeycloakCalls {

  private static final Logger LOG = LoggerFactory.getLogger(KeycloakCalls.class);

  private KeycloakCalls() {}

  /**
   * Runs one admin operation and turns the HTTP stack's failures into Meshwork's: Keycloak down or
   * refusing the node's admin credentials is "unavailable" (503), not a bug of the caller; a 404
   * of Keycloak is "not found".
   */
  public static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ProcessingException e) {
      LOG.warn("Keycloak admin call failed: {}", e.toString());
      throw new UnavailableException("Keycloak cannot be reached or refused the node's admin credentials; try again later");
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 401 || status == 403) {
        LOG.warn("Keycloak refused an admin call: HTTP {}", status);
        throw new UnavailableException("Keycloak refused the node's admin credentials; ask an operator to check them");
      }
      if (status == 404) {
        throw new NotFoundException("Not found in the realm");
      }
      throw e;
    }
  }
}
