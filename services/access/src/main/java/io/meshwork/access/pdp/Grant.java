package io.meshwork.access.pdp;

import io.meshwork.access.rowfilter.RowFilter;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an approval gave: a principal may read one port of one product for one purpose until
 * {@code expiresAt}, seeing {@code columns} (empty = every column), with {@code unmasked} columns
 * served in clear despite their classification, and only the rows {@code rowFilter} admits.
 */
public record Grant(
    String id,
    Principal principal,
    String productId,
    String port,
    String purpose,
    Instant grantedAt,
    Instant expiresAt,
    Set<String> columns,
    Set<String> unmasked,
    Optional<RowFilter> rowFilter) {

  public Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(grantedAt)) {
      throw new IllegalArgumentException("a grant must expire after it is granted");
    }
    columns = Set.copyOf(columns);
    unmasked = Set.copyOf(unmasked);
    Objects.requireNonNull(rowFilter, "rowFilter");
  }

  boolean coversColumn(String column) {
    return columns.isEmpty() || columns.contains(column);
  }

  String key() {
    return productId + "\u0000" + port;
  }
}
