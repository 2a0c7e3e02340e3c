package io.meshwork.access.pdp;

import io.meshwork.access.rowfilter.RowFilter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "may this subject read this port, and how": allowed or not, the reason in words
 * (naming the grant or the rule), and the obligations the data plane must enforce — the only
 * columns to serve, how to mask some of them, which rows to keep.
 */
public record Decision(
    boolean allowed,
    String reason,
    Optional<String> grantId,
    List<String> columns,
    Map<String, MaskKind> masks,
    Optional<RowFilter> rowFilter) {

  public Decision {
    columns = List.copyOf(columns);
    masks = Map.copyOf(masks);
  }

  static Decision deny(String reason) {
    return new Decision(false, reason, Optional.empty(), List.of(), Map.of(), Optional.empty());
  }
}
