package io.meshwork.dataplane.pipeline;

import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.document.DocumentFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pipelines live with the data they feed: table {@code _meshwork_pipelines} of the domain's
 * database, one row per product — the spec (credentials shown only as "set") and, apart, the
 * sealed credentials per source.
 */
final class PipelineStore {

  static final String TABLE = DomainDatabases.PIPELINES;

  /** A stored pipeline: its spec, the sealed credentials by source name, who changed it last and when. */
  record Stored(String domain, String product, PipelineSpec spec, Map<String, String> sealed, Instant updatedAt, String updatedBy) {
    Stored {
      sealed = Map.copyOf(sealed);
    }

    JsonObject toJson() {
      return spec.toJson(sealed.keySet()).put("product", product).put("updatedAt", updatedAt.toString()).put("updatedBy", updatedBy);
    }
  }

  private final DomainDatabases databases;

  PipelineStore(DomainDatabases databases) {
    this.databases = databases;
  }

  Future<Optional<Stored>> find(String domain, String product) {
    return databases.read(domain, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT product, CAST(spec AS VARCHAR), CAST(credentials AS VARCHAR), updated_at, updated_by FROM "
          + TABLE + " WHERE product = ?")) {
        ps.setString(1, product);
        List<Stored> found = rows(domain, ps);
        return found.stream().findFirst();
      }
    });
  }

  Future<List<Stored>> all(String domain) {
    return databases.read(domain, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT product, CAST(spec AS VARCHAR), CAST(credentials AS VARCHAR), updated_at, updated_by FROM " + TABLE)) {
        return rows(domain, ps);
      }
    });
  }

  Future<Stored> put(Stored pipeline) {
    return databases.write(pipeline.domain(), c -> {
      c.setAutoCommit(false);
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE product = ?");
           PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, CAST(? AS JSON), CAST(? AS JSON), ?, ?)")) {
        delete.setString(1, pipeline.product());
        delete.executeUpdate();
        insert.setString(1, pipeline.product());
        insert.setString(2, pipeline.spec().toJson(pipeline.sealed().keySet()).encode());
        insert.setString(3, new JsonObject(new HashMap<>(pipeline.sealed())).encode());
        insert.setObject(4, pipeline.updatedAt().atOffset(ZoneOffset.UTC));
        insert.setString(5, pipeline.updatedBy());
        insert.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
      return pipeline;
    });
  }

  /** Deletes the product's pipeline; completes with whether there was one. */
  Future<Boolean> delete(String domain, String product) {
    return databases.write(domain, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE product = ?")) {
        ps.setString(1, product);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static List<Stored> rows(String domain, PreparedStatement ps) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        PipelineSpec spec = PipelineSpec.from(DocumentFormat.JSON.read(rs.getString(2).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> sealed = new HashMap<>();
        new JsonObject(rs.getString(3)).forEach(e -> sealed.put(e.getKey(), String.valueOf(e.getValue())));
        Object at = rs.getObject(4);
        Instant updated = at instanceof OffsetDateTime odt ? odt.toInstant() : OffsetDateTime.parse(at.toString()).toInstant();
        out.add(new Stored(domain, rs.getString(1), spec, sealed, updated, rs.getString(5)));
      }
    }
    return out;
  }
}
