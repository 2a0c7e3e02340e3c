package io.meshwork.dataplane.rows;

import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilter;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.GovernedPort;
import io.meshwork.dataplane.query.GovernedSelect;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.dataplane.query.ResultFormat;
import io.meshwork.dataplane.query.ResultSink;
import io.meshwork.dataplane.query.RowWriter;
import io.meshwork.dataplane.query.Snapshot;
import io.meshwork.dataplane.query.SqlErrors;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortTable;
import io.meshwork.model.contract.SchemaProperty;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The REST rows output port: a page of a port's governed relation, with the fields the consumer
 * picks (among the granted ones) and a filter in the access row-filter language over granted,
 * unmasked columns — applied on top of the grant's own row filter, never instead of it. Pages
 * are ordered by the contract's primary key when the consumer sees it in clear (else by all
 * fields) and pinned to the first page's snapshot.
 */
public final class RowsService {

  /** What a served page reports for the audit. */
  record Page(GovernedPort port, long rows, long seq) {}

  private final DomainDatabases domains;
  private final ReadAccess access;
  private final java.time.Duration timeout;

  public RowsService(DomainDatabases domains, ReadAccess access, java.time.Duration timeout) {
    this.domains = domains;
    this.access = access;
    this.timeout = timeout;
  }

  public Future<Void> serve(Caller caller, RowsRequest request, ResultSink sink) {
    long started = System.nanoTime();
    return access.open(caller, request.productId(), request.port(), request.purpose(), "rows")
        .compose(port -> {
          List<String> fields = fields(port, request.fields());
          Optional<RowFilter> filter = filter(port, request.filter());
          return domains.read(port.name().domain(), c -> page(c, port, fields, filter, request, sink));
        })
        .compose(page -> access.audit().served(page.port(), "rows", page.rows(), (System.nanoTime() - started) / 1_000_000, page.seq(), false));
  }

  /** The requested fields, all granted; by default every granted column. */
  static List<String> fields(GovernedPort port, List<String> requested) {
    List<String> granted = port.decision().columns();
    if (requested.isEmpty()) {
      return granted;
    }
    for (int i = 0; i < requested.size(); i++) {
      String field = requested.get(i);
      if (!granted.contains(field)) {
        if (port.resource().hasColumn(field)) {
          throw new ForbiddenException("Field '" + field + "' of port " + port.name() + " is not granted to you; granted: " + granted);
        }
        throw new InvalidException("The fields are invalid", List.of(new Violation("/fields",
            "unknown field '" + field + "'; the port has " + port.resource().columns().stream().map(c -> c.name()).toList())));
      }
    }
    return requested;
  }

  /** The consumer's filter, only over columns they see in clear (a filter on a masked column would reveal it). */
  static Optional<RowFilter> filter(GovernedPort port, String text) {
    if (text == null) {
      return Optional.empty();
    }
    Map<String, ColumnType> types = new LinkedHashMap<>();
    port.resource().columnTypes().forEach((name, type) -> {
      if (port.decision().columns().contains(name) && !port.decision().masks().containsKey(name)) {
        types.put(name, type);
      }
    });
    return Optional.of(RowFilterParser.parse(text, types, "/filter"));
  }

  private Page page(Connection c, GovernedPort port, List<String> fields, Optional<RowFilter> filter, RowsRequest request, ResultSink sink)
      throws SQLException {
    PortTable table = port.schema().table();
    AsOf asOf = request.cursor() != null ? AsOf.upTo(request.cursor().seq()) : request.asOf();
    Snapshot snapshot = Snapshot.resolve(c, table, asOf);
    long offset = request.cursor() == null ? 0 : request.cursor().offset();
    String sql = "SELECT " + fields.stream().map(PortTable::quote).collect(Collectors.joining(", "))
        + " FROM (" + GovernedSelect.sql(port.schema(), port.decision(), snapshot) + ") AS governed"
        + filter.map(f -> " WHERE " + f.toSql()).orElse("")
        + " ORDER BY " + order(port, fields)
        + " LIMIT " + (request.limit() + 1L) + " OFFSET " + offset;
    try (Statement statement = c.createStatement()) {
      statement.setQueryTimeout((int) timeout.toSeconds());
      ResultSet rs;
      try {
        rs = statement.executeQuery(sql);
      } catch (SQLException e) {
        throw SqlErrors.of(e, List.of(port), "/filter", timeout);
      }
      try (rs) {
        sink.start(200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"));
        RowWriter.Outcome outcome = new RowWriter(sink).write(rs, ResultFormat.JSON, request.limit(), new RowWriter.Envelope() {
          @Override
          public String head(JsonArray columns) {
            return "{\"items\":[";
          }

          @Override
          public String tail(RowWriter.Outcome written) {
            String next = written.truncated() ? '"' + new RowsCursor(snapshot.seq(), offset + written.rows()).encode() + '"' : "null";
            return "],\"next\":" + next + ",\"snapshot\":{\"seq\":" + snapshot.seq() + ",\"batches\":" + snapshot.batches() + "}}";
          }
        });
        return new Page(port, outcome.rows(), snapshot.seq());
      }
    }
  }

  /** The contract's primary key when it is among the fields and unmasked, else every field. */
  static String order(GovernedPort port, List<String> fields) {
    List<String> key = port.schema().object().properties().stream()
        .filter(SchemaProperty::primaryKey)
        .sorted(Comparator.comparingInt(SchemaProperty::primaryKeyPosition))
        .map(SchemaProperty::name)
        .toList();
    boolean keyVisible = !key.isEmpty() && fields.containsAll(key) && key.stream().noneMatch(port.decision().masks()::containsKey);
    return (keyVisible ? key : fields).stream().map(PortTable::quote).collect(Collectors.joining(", "));
  }
}
