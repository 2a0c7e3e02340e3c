package io.meshwork.dataplane.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.ReadFixture;
import io.meshwork.model.error.ForbiddenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet download of a governed snapshot, read back with DuckDB. */
class SnapshotExportTest {

  @TempDir
  Path dir;
  ReadFixture mesh;
  SnapshotExport exports;

  @BeforeEach
  void open() throws Exception {
    mesh = new ReadFixture(dir);
    exports = new SnapshotExport(mesh.domains, mesh.access, dir.resolve("exports"));
  }

  @AfterEach
  void close() throws Exception {
    mesh.close();
  }

  @Test
  void theFileHoldsOnlyGrantedColumnsFilteredRowsAndMaskedValues() throws Exception {
    SnapshotExport.Export export = ReadFixture.await(exports.write(ReadFixture.CARLOS, ReadFixture.PRODUCT, ReadFixture.PORT, AsOf.LATEST, "analytics"));
    assertThat(export.rows()).isEqualTo(3);
    assertThat(export.fileName()).isEqualTo("orders-daily.order_lines.2.parquet");
    assertThat(read(export.file(), "SELECT string_agg(name, ',' ORDER BY rowid) FROM (SELECT name, row_number() OVER () AS rowid FROM parquet_schema('%s') WHERE name <> 'duckdb_schema')"))
        .containsExactly(List.of("order_id,line_no,customer_email,channel,amount_eur"));
    assertThat(read(export.file(), "SELECT order_id, line_no, customer_email, channel FROM read_parquet('%s') ORDER BY 1, 2")).containsExactly(
        List.of("o1", "1", "o***@example.com", "web"), List.of("o1", "2", "o***@example.com", "web"), List.of("o3", "1", "null", "web"));
  }

  @Test
  void asOfExportsTheOlderSnapshotAndRefusalsAreForbidden() throws Exception {
    SnapshotExport.Export export = ReadFixture.await(exports.write(ReadFixture.CARLOS, ReadFixture.PRODUCT, ReadFixture.PORT, AsOf.parse("b-1", "/asOf"), "analytics"));
    assertThat(read(export.file(), "SELECT count(*) FROM read_parquet('%s')")).containsExactly(List.of("2"));
    assertThatThrownBy(() -> ReadFixture.await(exports.write(ReadFixture.EVE, ReadFixture.PRODUCT, ReadFixture.PORT, AsOf.LATEST, "analytics")))
        .cause().isInstanceOf(ForbiddenException.class);
    try (var files = Files.list(dir.resolve("exports"))) {
      assertThat(files.count()).isEqualTo(1); // only the one allowed export; the route deletes it once sent
    }
  }

  private static List<List<String>> read(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql.formatted(file.toString().replace("'", "''")))) {
      List<List<String>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
