package io.meshwork.dataplane.query;

import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.MaskingRules;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.TestContracts;
import io.meshwork.dataplane.cache.ResultCache;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A domain database in a temp dir holding the demo order lines in three batches (two committed,
 * one quarantined) and a decision point granting carlos some columns of the web orders.
 */
public final class ReadFixture implements AutoCloseable {

  public static final String PRODUCT = "orders-daily";
  public static final String PORT = "order_lines";
  public static final String SQL_NAME = "orders.\"orders-daily\".order_lines";
  public static final Caller CARLOS = new Caller("carlos-id", "carlos", Set.of("data-consumer"), Set.of());
  public static final Caller EVE = new Caller("eve-id", "eve", Set.of("data-consumer"), Set.of());
  public static final Caller OLIVIA = new Caller("olivia-id", "olivia", Set.of("domain-owner"), Set.of("/domains/orders"));

  final Vertx vertx = Vertx.vertx();
  public final DomainDatabases domains;
  final DataContract contract = TestContracts.orderLines();
  final PortSchema schema = PortSchema.of(PRODUCT, PORT, contract);
  final PolicyDecisionPoint pdp = new PolicyDecisionPoint(MaskingRules.defaults());
  final List<CloudEvent> events = new CopyOnWriteArrayList<>();
  public final ReadAccess access;
  final SqlParser parser = new SqlParser();
  final ResultCache cache = new ResultCache(1024 * 1024, 64 * 1024);
  final QueryService queries;

  public ReadFixture(Path dir) throws Exception {
    domains = new DomainDatabases(vertx, dir, Map.of(), Set.of(), 2);
    PortContracts contracts = new PortContracts() {
      @Override
      public Future<PortContract> port(String productId, String port) {
        if (productId.equals(PRODUCT) && port.equals(PORT)) {
          return Future.succeededFuture(new PortContract(PRODUCT, "orders", Lifecycle.ACTIVE, PORT, contract));
        }
        return Future.failedFuture(new NotFoundException("No data product with id '" + productId + "' and port '" + port + "'"));
      }

      public Future<String> domain(String productId) {
        return Future.succeededFuture("orders");
      }

      public Future<List<PortContract>> ports(String productId) {
        return port(productId, PORT).map(List::of);
      }
    };
    access = new ReadAccess(contracts, pdp, new ReadAudit(event -> {
      events.add(event);
      return Future.succeededFuture();
    }));
    queries = new QueryService(vertx, parser, domains, access, cache, QuerySettings.defaults());
    Instant now = Instant.now();
    pdp.putGrant(new Grant("g-carlos", new Principal(Principal.Kind.USER, "carlos-id"), PRODUCT, PORT, "analytics",
        now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)),
        Set.of("order_id", "line_no", "customer_email", "channel", "amount_eur"), Set.of(),
        Optional.of(RowFilterParser.parse("channel = 'web'", ReadAccess.resource(new PortContract(PRODUCT, "orders", Lifecycle.ACTIVE, PORT, contract), schema).columnTypes(), "/rowFilter"))));
    await(domains.write("orders", c -> {
      schema.createOrEvolve(c);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO \"orders-daily__order_lines__v1\" VALUES "
            + "('o1', 1, 'olivia.smith@example.com', 'sku-1', 'web', 10.50, TIMESTAMP '2024-05-01 10:00:00', 1),"
            + "('o1', 2, 'olivia.smith@example.com', 'sku-2', 'web', 5.00, TIMESTAMP '2024-05-01 10:00:00', 1),"
            + "('o2', 1, 'bob@example.org', 'sku-1', 'store', 99.00, TIMESTAMP '2024-05-01 11:00:00', 1),"
            + "('o3', 1, NULL, 'sku-3', 'web', 20.00, TIMESTAMP '2024-05-02 09:00:00', 2),"
            + "('o4', 1, 'carla@example.com', 'sku-3', 'store', 1.00, TIMESTAMP '2024-05-02 09:30:00', 2),"
            + "('o9', 1, 'ghost@example.com', 'sku-9', 'web', 999.00, TIMESTAMP '2024-05-03 09:30:00', 3)");
        s.execute("INSERT INTO _meshwork_batches (seq, id, product, port, major, status, committed_at) VALUES "
            + "(1, 'b-1', 'orders-daily', 'order_lines', 1, 'committed', TIMESTAMPTZ '2024-05-01 12:00:00Z'),"
            + "(2, 'b-2', 'orders-daily', 'order_lines', 1, 'committed', TIMESTAMPTZ '2024-05-02 12:00:00Z'),"
            + "(3, 'b-3', 'orders-daily', 'order_lines', 1, 'quarantined', NULL)");
      }
      return null;
    }));
  }

  /** Commits one more batch (seq 4) with one web row. */
  public void ingestAnother() throws Exception {
    await(domains.write("orders", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO \"orders-daily__order_lines__v1\" VALUES "
            + "('o5', 1, 'dora@example.com', 'sku-5', 'web', 7.00, TIMESTAMP '2024-05-04 09:00:00', 4)");
        s.execute("INSERT INTO _meshwork_batches (seq, id, product, port, major, status, committed_at) VALUES "
            + "(4, 'b-4', 'orders-daily', 'order_lines', 1, 'committed', now())");
      }
      return null;
    }));
  }

  <T> T read(io.meshwork.dataplane.storage.SqlWork<T> work) throws Exception {
    return await(domains.read("orders", work));
  }

  /** Runs a query as the caller and returns what was streamed. */
  Result query(Caller caller, String sql, ResultFormat format, int limit, AsOf asOf, String purpose) throws Exception {
    Collected sink = new Collected();
    await(queries.serve(caller, new QueryRequest(sql, format, limit, asOf, purpose), sink));
    return new Result(sink.status, sink.headers, sink.body.toString());
  }

  /** Runs a streaming read into a collecting sink and returns the body. */
  public String collect(java.util.function.Function<ResultSink, Future<Void>> read) throws Exception {
    Collected sink = new Collected();
    await(read.apply(sink));
    return sink.body.toString();
  }

  record Result(int status, Map<String, String> headers, String body) {}

  static final class Collected implements ResultSink {
    int status;
    Map<String, String> headers;
    final Buffer body = Buffer.buffer();

    @Override
    public void start(int status, Map<String, String> headers) {
      this.status = status;
      this.headers = Map.copyOf(headers);
    }

    @Override
    public void write(Buffer chunk) {
      body.appendBuffer(chunk);
    }
  }

  public static <T> T await(Future<T> future) throws Exception {
    return TestContracts.await(future);
  }

  @Override
  public void close() throws Exception {
    domains.close();
    parser.close();
    await(vertx.close());
  }
}
