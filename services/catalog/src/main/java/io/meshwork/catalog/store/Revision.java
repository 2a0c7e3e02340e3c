package io.meshwork.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.lifecycle.Change;
import java.time.Instant;
import java.util.List;

/**
 * One immutable entry of a product's or contract's history: who changed it, when, what changed
 * in words, and the document as it was after the change ({@code null} for a deletion).
 *
 * @param version the contract's semantic version at this revision; null for products
 */
public record Revision(
    String subject, long revision, String version, String status, Instant at, String by, List<Change> changes, JsonNode descriptor) {

  public Revision {
    changes = List.copyOf(changes);
  }

  public boolean deleted() {
    return descriptor == null;
  }
}
