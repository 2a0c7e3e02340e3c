package io.meshwork.dataplane.storage;

import static io.meshwork.dataplane.TestContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.UnavailableException;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain files attached to one DuckDB instance: each domain's work sees its own tables; a read may join two. */
class CrossDomainReadTest {

  @TempDir Path home;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void eachDomainWritesItsOwnFileAndAReadAcrossDomainsJoinsThem() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of("orders", "products"), 2)) {
      await(dbs.write("orders", c -> execute(c, "CREATE TABLE lines AS SELECT * FROM (VALUES ('o1', 'SKU-1'), ('o2', 'SKU-2')) t(id, sku)")));
      await(dbs.write("products", c -> execute(c, "CREATE TABLE lines AS SELECT * FROM (VALUES ('SKU-1', 'Runner')) t(sku, title)")));

      // unqualified names are the domain's own tables: the same name in two domains is two tables
      String orderLines = await(dbs.read("orders", c -> single(c, "SELECT count(*) FROM lines")));
      String productLines = await(dbs.read("products", c -> single(c, "SELECT count(*) FROM lines")));
      assertThat(orderLines).isEqualTo("2");
      assertThat(productLines).isEqualTo("1");

      String joined = await(dbs.readAcross(List.of("orders", "products"), c -> single(c,
          "SELECT string_agg(o.id || ':' || p.title, ',') FROM lines o JOIN " + DomainDatabases.catalog("products") + ".main.lines p USING (sku)")));
      assertThat(joined).isEqualTo("o1:Runner");

      // a domain this node does not serve is never attached
      assertThatThrownBy(() -> await(dbs.readAcross(List.of("orders", "carts"), c -> null)))
          .cause().isInstanceOf(UnavailableException.class).hasMessageContaining("carts");
    }
    assertThat(Files.exists(home.resolve("orders.duckdb"))).isTrue();
    assertThat(Files.exists(home.resolve("products.duckdb"))).isTrue();
    assertThat(Files.exists(home.resolve("carts.duckdb"))).isFalse();

    // closed cleanly, each file opens on its own again with its own tables
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + home.resolve("products.duckdb"))) {
      assertThat(single(c, "SELECT title FROM lines")).isEqualTo("Runner");
    }
  }

  private static Void execute(java.sql.Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  private static String single(java.sql.Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
