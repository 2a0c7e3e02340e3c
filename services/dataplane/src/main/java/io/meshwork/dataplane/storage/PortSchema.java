package io.meshwork.dataplane.storage;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.error.UnprocessableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a port stores, derived from its contract: the schema object named like the port (else the
 * first one, the rule access governance uses too), its columns, and the table of the contract's
 * major version. {@link #createOrEvolve} makes the tables match: created when missing; a column
 * added by a compatible (minor) contract change is added, nullable, so earlier batches read NULL.
 */
public record PortSchema(PortTable table, SchemaObject object, List<PortColumn> columns) {

  /** The system column holding the batch sequence number; readers never expose it. */
  public static final String BATCH_COLUMN = "_batch";

  /** The quarantine's column for a record that could not be parsed: its raw text (the line), as received. */
  public static final String RAW_COLUMN = "_raw";

  public PortSchema {
    columns = List.copyOf(columns);
  }

  public static PortSchema of(String productId, String port, DataContract contract) {
    SchemaObject object = contract.schema().stream().filter(o -> o.name().equals(port)).findFirst()
        .orElse(contract.schema().isEmpty() ? null : contract.schema().get(0));
    if (object == null || object.properties().isEmpty()) {
      throw new UnprocessableException("Contract '" + contract.id() + "' declares no properties for port '" + port + "', so there is nothing to store");
    }
    return new PortSchema(PortTable.of(productId, port, contract.version().major()), object, PortColumn.of(object));
  }

  /** Creates the data and quarantine tables when missing, adds columns the contract gained. */
  public void createOrEvolve(Connection c) throws SQLException {
    Set<String> existing = existingColumns(c, table.name());
    try (Statement s = c.createStatement()) {
      if (existing.isEmpty()) {
        String cols = columns.stream().map(col -> col.quoted() + " " + col.sqlType()).collect(Collectors.joining(", "));
        s.execute("CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + cols + ", " + BATCH_COLUMN + " BIGINT NOT NULL)");
      } else {
        for (PortColumn col : columns) {
          if (!existing.contains(col.name())) {
            s.execute("ALTER TABLE " + table.quoted() + " ADD COLUMN " + col.quoted() + " " + col.sqlType());
          }
        }
      }
      Set<String> quarantined = existingColumns(c, table.quarantineName());
      if (quarantined.isEmpty()) {
        String cols = columns.stream().map(col -> col.quoted() + " VARCHAR").collect(Collectors.joining(", "));
        s.execute("CREATE TABLE IF NOT EXISTS " + table.quarantineQuoted() + " (" + cols
            + ", " + BATCH_COLUMN + " BIGINT, _line BIGINT, _reason VARCHAR, " + RAW_COLUMN + " VARCHAR)");
      } else {
        for (PortColumn col : columns) {
          if (!quarantined.contains(col.name())) {
            s.execute("ALTER TABLE " + table.quarantineQuoted() + " ADD COLUMN " + col.quoted() + " VARCHAR");
          }
        }
        if (!quarantined.contains(RAW_COLUMN)) {
          s.execute("ALTER TABLE " + table.quarantineQuoted() + " ADD COLUMN " + RAW_COLUMN + " VARCHAR");
        }
      }
    }
  }

  /** The columns of the connection's own domain's table {@code tableName} (none when it does not exist). */
  public static Set<String> existingColumns(Connection c, String tableName) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main'"
            + " AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>();
    columns.forEach(col -> names.add(col.name()));
    return names;
  }
}
