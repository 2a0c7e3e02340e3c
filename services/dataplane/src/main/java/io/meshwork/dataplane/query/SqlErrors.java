package io.meshwork.dataplane.query;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.UnavailableException;
import io.meshwork.model.error.Violation;
import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB's complaints about a consumer's query (unknown column, wrong types, bad cast …) become a
 * 400 with DuckDB's words, minus the echo of the rewritten SQL and with stored table names put back
 * as port names; a statement cancelled at its timeout a 503; anything else stays an internal error.
 */
public final class SqlErrors {

  private static final List<String> CONSUMER_ERRORS = List.of(
      "Binder Error", "Parser Error", "Conversion Error", "Catalog Error", "Invalid Input Error", "Out of Range Error",
      "Not implemented Error", "Syntax Error", "Invalid Error", "Type Error", "Mismatch Type Error");
  private static final int MAX_LENGTH = 600;
  private static final java.util.regex.Pattern CATALOG = java.util.regex.Pattern.compile("\"?domain:[a-z0-9_-]+\"?\\.(main\\.)?");

  private SqlErrors() {}

  public static RuntimeException of(SQLException e, List<GovernedPort> ports, String pointer, java.time.Duration timeout) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("INTERRUPT Error")) {
      // 503, not 4xx: the request is valid, the node declined to spend more than query.timeout.seconds on it
      return new UnavailableException("The query did not finish within " + timeout.toSeconds()
          + " s (query.timeout.seconds) and was cancelled; narrow it (filters, aggregates, LIMIT) or download the snapshot as Parquet");
    }
    if (CONSUMER_ERRORS.stream().noneMatch(message::startsWith)) {
      return new IllegalStateException("query failed", e);
    }
    int echo = message.indexOf("\nLINE ");
    if (echo >= 0) {
      message = message.substring(0, echo);
    }
    // a read across domains names tables by their domain's catalog: never shown
    message = CATALOG.matcher(message).replaceAll("");
    for (GovernedPort port : ports) {
      message = message.replace(port.schema().table().name(), port.name().toString());
    }
    message = message.replace("_meshwork_batches", "(batches)").strip();
    if (message.length() > MAX_LENGTH) {
      message = message.substring(0, MAX_LENGTH) + "…";
    }
    return new InvalidException("The query failed", List.of(new Violation(pointer, message)));
  }
}
