package io.meshwork.dataplane.query;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.util.List;
import java.util.Locale;

/** How a query result is served. */
public enum ResultFormat {
  /** {@code {"columns": [...], "rows": [{...}, ...], "rowCount": n, "truncated": false}} */
  JSON("application/json"),
  /** One JSON object per row and line. */
  NDJSON("application/x-ndjson"),
  /** RFC 4180, a header line with the column names. */
  CSV("text/csv; charset=utf-8");

  private final String contentType;

  ResultFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public static ResultFormat parse(String text, String pointer) {
    if (text == null || text.isBlank()) {
      return JSON;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidException("The format is invalid", List.of(new Violation(pointer, "must be json, ndjson or csv")));
    }
  }
}
