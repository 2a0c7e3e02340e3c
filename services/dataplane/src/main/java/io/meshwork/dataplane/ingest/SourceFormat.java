package io.meshwork.dataplane.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats a batch arrives in, named by {@code ?format=} or by the Content-Type. */
public enum SourceFormat {
  CSV("csv", List.of("text/csv", "application/csv")),
  NDJSON("ndjson", List.of("application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines")),
  JSON("json", List.of("application/json")),
  PARQUET("parquet", List.of("application/vnd.apache.parquet", "application/x-parquet", "application/parquet"));

  private final String wireName;
  private final List<String> mediaTypes;

  SourceFormat(String wireName, List<String> mediaTypes) {
    this.wireName = wireName;
    this.mediaTypes = mediaTypes;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<SourceFormat> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (SourceFormat f : values()) {
      if (f.wireName.equals(n) || (f == NDJSON && (n.equals("jsonl") || n.equals("jsonlines")))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public static Optional<SourceFormat> fromMediaType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (SourceFormat f : values()) {
      if (f.mediaTypes.contains(type)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format named explicitly, else the one the Content-Type says. */
  public static Optional<SourceFormat> of(String formatParameter, String contentType) {
    return formatParameter != null ? fromName(formatParameter) : fromMediaType(contentType);
  }
}
