package io.meshwork.model.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunEventTest {

  private static final String VALID = """
      {"eventType": "RUNNING", "eventTime": "2026-11-25T10:00:00.123456+01:00",
       "run": {"runId": "0c847daa-238e-4eca-8054-5583bb212d29",
               "facets": {"parent": {"_producer": "https://example.org/p", "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json",
                                     "run": {"runId": "3b452093-782c-4ef2-9c0c-aafe2aa6f34d"}, "job": {"namespace": "a", "name": "b"}}}},
       "job": {"namespace": "dbt", "name": "shop.orders"},
       "inputs": [{"namespace": "postgres://db:5432", "name": "shop.public.orders",
                   "facets": {"schema": {"_producer": "https://example.org/p", "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
                                         "fields": [{"name": "id", "type": "INT"}, {"name": "a.b/c"}]}},
                   "inputFacets": {"custom": {"_producer": "https://example.org/p", "_schemaURL": "https://example.org/c.json", "x": 1}}}],
       "outputs": [{"namespace": "meshwork://orders", "name": "orders-daily.lines",
                    "facets": {"columnLineage": {"_producer": "https://example.org/p", "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
                      "fields": {"order_id": {"inputFields": [{"namespace": "postgres://db:5432", "name": "shop.public.orders", "field": "id",
                                                               "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]}]},
                                 "total": {"inputFields": [{"namespace": "postgres://db:5432", "name": "shop.public.orders", "field": "amount"}],
                                           "transformationType": "AGGREGATION"}}}}}],
       "producer": "https://github.com/dbt-labs/dbt-core/tree/1.8.0", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
       "somethingNew": true}
      """;

  @Test
  void aValidEventIsTypedAndKeptWhole() {
    RunEvent event = RunEvent.from(read(VALID));

    assertThat(event.eventType()).isEqualTo(RunEvent.EventType.RUNNING);
    assertThat(event.eventTime()).hasToString("2026-11-25T09:00:00.123456Z");
    assertThat(event.job()).isEqualTo(new RunEvent.Name("dbt", "shop.orders"));
    assertThat(event.inputs().get(0).columns()).containsExactly("id", "a.b/c");
    assertThat(event.outputs().get(0).columnLineage()).containsExactlyInAnyOrder(
        new RunEvent.ColumnLineage("order_id", new RunEvent.Name("postgres://db:5432", "shop.public.orders"), "id", "DIRECT/IDENTITY"),
        new RunEvent.ColumnLineage("total", new RunEvent.Name("postgres://db:5432", "shop.public.orders"), "amount", "AGGREGATION"));
    assertThat(event.document().get("somethingNew").asBoolean()).as("unknown fields are kept").isTrue();
  }

  @Test
  void eventTypeMayBeLeftOut() {
    assertThat(RunEvent.from(read(VALID.replace("\"eventType\": \"RUNNING\",", ""))).eventType()).isNull();
  }

  @Test
  void everyViolationIsReportedWithItsPointer() {
    String bad = """
        {"eventType": "DONE", "eventTime": "yesterday", "run": {"runId": "42", "facets": {"x": 3, "y/z": {"_schemaURL": "relative.json"}}},
         "job": {"namespace": "", "facets": []},
         "inputs": {"namespace": "a"},
         "outputs": [7, {"namespace": "b", "name": "c", "facets": {"schema": {"_producer": "https://p", "_schemaURL": "https://s", "fields": [{"type": "INT"}]},
                                                              "columnLineage": {"_producer": "https://p", "_schemaURL": "https://s", "fields": {"t": {"inputFields": [{"name": "n"}]}}}}}],
         "producer": "not a uri"}
        """;
    InvalidException invalid = catchThrowableOfType(InvalidException.class, () -> RunEvent.from(read(bad)));

    assertThat(invalid.violations()).extracting(Violation::pointer).containsExactlyInAnyOrder(
        "/eventType", "/eventTime", "/producer", "/schemaURL", "/run/runId", "/run/facets/x", "/run/facets/y~1z/_producer",
        "/run/facets/y~1z/_schemaURL", "/job/namespace", "/job/name", "/job/facets", "/inputs", "/outputs/0",
        "/outputs/1/facets/schema/fields/0/name", "/outputs/1/facets/columnLineage/fields/t/inputFields/0/namespace",
        "/outputs/1/facets/columnLineage/fields/t/inputFields/0/field");
  }

  @Test
  void aBodyThatIsNotAnObjectIsOneViolation() {
    InvalidException invalid = catchThrowableOfType(InvalidException.class, () -> RunEvent.from(read("[1, 2]")));
    assertThat(invalid.violations()).extracting(Violation::pointer).containsExactly("");
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String json) {
    return DocumentFormat.JSON.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
