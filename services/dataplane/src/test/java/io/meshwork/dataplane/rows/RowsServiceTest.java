package io.meshwork.dataplane.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.ReadFixture;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST rows output port on a real DuckDB domain database. */
class RowsServiceTest {

  @TempDir
  Path dir;
  ReadFixture mesh;
  RowsService rows;

  @BeforeEach
  void open() throws Exception {
    mesh = new ReadFixture(dir);
    rows = new RowsService(mesh.domains, mesh.access, java.time.Duration.ofSeconds(30));
  }

  @AfterEach
  void close() throws Exception {
    mesh.close();
  }

  @Test
  void grantedFieldsFilteredByTheConsumerOnTopOfTheGrantsRowFilter() throws Exception {
    JsonObject page = page(List.of("order_id", "amount_eur", "customer_email"), "amount_eur > 6", 10, null, AsOf.LATEST);
    assertThat(page.getJsonArray("items").stream().map(Object::toString)).containsExactly(
        "{\"order_id\":\"o1\",\"amount_eur\":10.5,\"customer_email\":\"o***@example.com\"}",
        "{\"order_id\":\"o3\",\"amount_eur\":20.0,\"customer_email\":null}");
    assertThat(page.getValue("next")).isNull();
    // the store order o2 (99 €) passes the consumer's filter but not the grant's
    assertThat(page.encode()).doesNotContain("o2");
  }

  @Test
  void byDefaultEveryGrantedColumnInPrimaryKeyOrder() throws Exception {
    JsonObject page = page(List.of(), null, 10, null, AsOf.LATEST);
    assertThat(page.getJsonArray("items").getJsonObject(0).fieldNames())
        .containsExactly("order_id", "line_no", "customer_email", "channel", "amount_eur");
    assertThat(page.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("order_id") + "/" + ((JsonObject) r).getInteger("line_no")))
        .containsExactly("o1/1", "o1/2", "o3/1");
  }

  @Test
  void pagesFollowTheCursorOnTheFirstPagesSnapshot() throws Exception {
    JsonObject first = page(List.of("order_id", "line_no"), null, 2, null, AsOf.LATEST);
    assertThat(first.getJsonArray("items")).hasSize(2);
    String next = first.getString("next");
    assertThat(next).isNotBlank();
    mesh.ingestAnother(); // a new web row arrives: the pages already started do not see it
    JsonObject second = page(List.of("order_id", "line_no"), null, 2, RowsCursor.decode(next), AsOf.LATEST);
    assertThat(second.getJsonArray("items").stream().map(Object::toString)).containsExactly("{\"order_id\":\"o3\",\"line_no\":1}");
    assertThat(second.getValue("next")).isNull();
    assertThat(page(List.of("order_id"), null, 10, null, AsOf.LATEST).getJsonArray("items")).hasSize(4);
  }

  @Test
  void fieldsOutsideTheGrantAreForbiddenAndUnknownOnesInvalid() {
    assertThatThrownBy(() -> page(List.of("order_id", "sku"), null, 10, null, AsOf.LATEST))
        .cause().isInstanceOf(ForbiddenException.class).hasMessageContaining("'sku'").hasMessageContaining("not granted");
    assertThatThrownBy(() -> page(List.of("nope"), null, 10, null, AsOf.LATEST))
        .cause().isInstanceOf(InvalidException.class);
  }

  @Test
  void aFilterOnAMaskedOrHiddenColumnIsRefusedSoItCannotRevealValues() {
    assertThatThrownBy(() -> page(List.of(), "customer_email = 'olivia.smith@example.com'", 10, null, AsOf.LATEST))
        .cause().isInstanceOf(InvalidException.class)
        .satisfies(e -> assertThat(((InvalidException) e).violations().get(0).reason()).contains("unknown column 'customer_email'"));
    assertThatThrownBy(() -> page(List.of(), "sku = 'sku-1'", 10, null, AsOf.LATEST))
        .cause().isInstanceOf(InvalidException.class);
  }

  @Test
  void asOfReadsTheOlderSnapshot() throws Exception {
    assertThat(page(List.of("order_id"), null, 10, null, AsOf.parse("b-1", "/asOf")).getJsonArray("items")).hasSize(2);
  }

  private JsonObject page(List<String> fields, String filter, int limit, RowsCursor cursor, AsOf asOf) throws Exception {
    return new JsonObject(mesh.collect(sink -> rows.serve(ReadFixture.CARLOS,
        new RowsRequest(ReadFixture.PRODUCT, ReadFixture.PORT, fields, filter, limit, cursor, asOf, "analytics"), sink)));
  }
}
