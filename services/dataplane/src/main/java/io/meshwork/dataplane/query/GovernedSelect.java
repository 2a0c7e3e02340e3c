package io.meshwork.dataplane.query;

import io.meshwork.access.pdp.Decision;
import io.meshwork.access.pdp.MaskKind;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortColumn;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.storage.PortTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The relation a consumer reads instead of a port table: only the decision's columns, each masked
 * as the decision says, only the rows its row filter keeps, only rows of the snapshot's committed
 * batches, never the {@code _batch} column. The row filter sees the stored values (it is the
 * approver's rule); the consumer's own SQL and filters see only the masked ones.
 *
 * <p>Masks, in SQL: {@code NULL} keeps the column's type and serves null; {@code HASH} serves the
 * SHA-256 (hex) of the value's text, so equal values still join and group; {@code PARTIAL} serves
 * text: an e-mail (an {@code @} after the first character) as its first character, "***" and
 * everything from the {@code @} ({@code o***@example.com}), any other value longer than 6
 * characters as its first character, "***" and its last two ({@code A***ez}), shorter ones as
 * "***". (String functions only: a regular expression per row made the mask cost twice as much.)
 */
public final class GovernedSelect {

  private GovernedSelect() {}

  public static String sql(PortSchema schema, Decision decision, Snapshot snapshot) {
    return sql(schema, decision, snapshot, "");
  }

  /**
   * @param qualifier prefixes the port's table and the batch register: empty on the domain's own
   *     connection, {@code "domain:<d>".main.} ({@link Snapshot#qualifier}) in a read across domains
   */
  public static String sql(PortSchema schema, Decision decision, Snapshot snapshot, String qualifier) {
    Map<String, MaskKind> masks = decision.masks();
    List<String> projections = new ArrayList<>();
    for (String name : decision.columns()) {
      PortColumn column = schema.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
      if (column == null) {
        continue; // the contract declares it but the stored major version does not have it
      }
      boolean empty = !snapshot.tableExists() || snapshot.batches() == 0;
      String value = empty ? "CAST(NULL AS " + column.sqlType() + ")" : column.quoted();
      MaskKind mask = masks.get(name);
      projections.add((mask == null ? value : mask(mask, value, column.sqlType())) + " AS " + column.quoted());
    }
    if (projections.isEmpty()) {
      projections.add("NULL AS \"no columns granted\"");
    }
    String select = "SELECT " + String.join(", ", projections);
    if (!snapshot.tableExists() || snapshot.batches() == 0) {
      return select + " WHERE FALSE";
    }
    PortTable table = snapshot.table();
    StringBuilder sql = new StringBuilder(select).append(" FROM ").append(qualifier).append(table.quoted()).append(" WHERE ");
    if (snapshot.hidden() != null) {
      // every row of the table belongs to a registered batch (rows and register row commit together)
      sql.append(PortSchema.BATCH_COLUMN).append(" <= ").append(snapshot.seq());
      if (!snapshot.hidden().isEmpty()) {
        sql.append(" AND ").append(PortSchema.BATCH_COLUMN).append(" NOT IN ")
            .append(snapshot.hidden().stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")")));
      }
    } else {
      sql.append(PortSchema.BATCH_COLUMN).append(" IN (SELECT seq FROM ").append(qualifier).append(DomainDatabases.BATCHES)
          .append(" WHERE product = ").append(PortTable.literal(table.productId()))
          .append(" AND port = ").append(PortTable.literal(table.port()))
          .append(" AND major = ").append(table.major())
          .append(" AND status = 'committed' AND seq <= ").append(snapshot.seq()).append(')');
    }
    decision.rowFilter().ifPresent(filter -> sql.append(" AND ").append(filter.toSql()));
    return sql.toString();
  }

  static String mask(MaskKind kind, String value, String sqlType) {
    String text = "CAST(" + value + " AS VARCHAR)";
    return switch (kind) {
      case NULL -> "CAST(NULL AS " + sqlType + ")";
      case HASH -> "sha256(" + text + ")";
      case PARTIAL -> "CASE WHEN strpos(" + text + ", '@') > 1 THEN left(" + text + ", 1) || '***' || substr(" + text + ", strpos(" + text + ", '@'))"
          + " WHEN length(" + text + ") > 6 THEN left(" + text + ", 1) || '***' || right(" + text + ", 2)"
          + " WHEN " + value + " IS NULL THEN NULL"
          + " ELSE '***' END";
    };
  }

  /** The visible column names, for error messages and field checks. */
  public static String describe(List<String> columns) {
    return columns.stream().collect(Collectors.joining(", ", "[", "]"));
  }
}
