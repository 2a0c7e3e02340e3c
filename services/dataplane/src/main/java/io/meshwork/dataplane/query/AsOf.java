package io.meshwork.dataplane.query;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which snapshot a read sees: the latest ({@link #LATEST}), the one right after a batch (its id),
 * or the one at a moment (an ISO-8601 instant: batches committed at or before it).
 */
public record AsOf(String batchId, Instant time, Long seq) {

  public static final AsOf LATEST = new AsOf(null, null, null);

  /** Reads the {@code asOf} parameter; null or blank means the latest snapshot. */
  public static AsOf parse(String text, String pointer) {
    if (text == null || text.isBlank()) {
      return LATEST;
    }
    String value = text.trim();
    if (Character.isDigit(value.charAt(0)) && value.contains("T")) {
      try {
        return new AsOf(null, Instant.parse(value), null);
      } catch (DateTimeParseException e) {
        throw new InvalidException("asOf is invalid", List.of(new Violation(pointer,
            "'" + value + "' is neither a batch id nor an instant like 2026-11-25T16:00:00Z")));
      }
    }
    if (value.length() > 200) {
      throw new InvalidException("asOf is invalid", List.of(new Violation(pointer, "a batch id is at most 200 characters")));
    }
    return new AsOf(value, null, null);
  }

  /** The snapshot up to a batch sequence number: how a paging cursor pins the snapshot of its first page. */
  public static AsOf upTo(long seq) {
    return new AsOf(null, null, seq);
  }

  public boolean latest() {
    return batchId == null && time == null && seq == null;
  }

  @Override
  public String toString() {
    return batchId != null ? batchId : time != null ? time.toString() : seq != null ? "seq " + seq : "latest";
  }
}
