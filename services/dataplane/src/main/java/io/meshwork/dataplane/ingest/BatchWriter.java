package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.batch.BatchRegister;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.validate.ColumnRules;
import io.meshwork.dataplane.validate.ContractChecks;
import io.meshwork.model.contract.QualityRule;
import io.meshwork.model.error.MeshworkException;
import io.meshwork.quality.QualityEngine;
import io.meshwork.quality.QualityReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a staged file into a batch, on a domain's write connection: stage every value as text,
 * validate against the contract in one SQL pass, judge the valid rows with the contract's quality
 * rules, then — in ONE transaction — append the valid rows to the port table, the invalid ones to
 * the quarantine table with their reasons, and the batch's row to the register. A crash before the
 * commit leaves nothing; after it, everything.
 */
final class BatchWriter {

  private final QualityEngine quality;

  BatchWriter(QualityEngine quality) {
    this.quality = quality;
  }

  Ingested write(Connection c, PortContract target, IngestJob job, Run run) throws Exception {
    if (job.idempotencyKey() != null) {
      Optional<Batch> earlier = BatchRegister.byIdempotencyKey(c, target.productId(), target.port(), job.idempotencyKey());
      if (earlier.isPresent()) {
        return new Ingested(earlier.get(), true);
      }
    }
    PortSchema schema = target.schema();
    schema.createOrEvolve(c);
    String staging = Staging.name(schema.table());
    String checked = Staging.name(schema.table());
    try {
      run.phase("loading");
      Map<String, String> sources;
      try {
        sources = Staging.load(c, staging, job.file(), job.format(), schema.columns(), run::rows);
      } catch (MeshworkException e) {
        record(c, target, job, run, e.getMessage());
        throw e;
      }
      run.phase("validating");
      List<ColumnRules> rules = ColumnRules.of(target.contract(), schema.object(), schema.columns());
      ContractChecks checks = new ContractChecks(schema, rules);
      try (Statement s = c.createStatement()) {
        s.execute(checks.createChecked(checked, staging, sources));
      }
      Staging.drop(c, staging);
      long[] counts = counts(c, checked);
      QualityReport report = judge(c, checks, checked, schema);
      boolean blocked = report != null && report.blocking();
      run.phase("committing");

      c.setAutoCommit(false);
      long seq = BatchRegister.nextSeq(c);
      String id = "b-" + seq + "-" + UUID.randomUUID().toString().substring(0, 8);
      String columns = schema.columns().stream().map(col -> col.quoted()).collect(Collectors.joining(", "));
      long valid = counts[0];
      long quarantined = counts[1];
      try (Statement s = c.createStatement()) {
        if (!blocked) {
          s.execute("INSERT INTO " + schema.table().quoted() + " (" + columns + ", " + PortSchema.BATCH_COLUMN + ") SELECT *, "
              + seq + " FROM (" + checks.typedSelect(checked, "_reason IS NULL") + ")");
        }
        String qualityReason = blocked ? ContractChecks.literal(report.blockingRules().stream().map(r -> "quality: " + r)
            .collect(Collectors.joining("; "))) : null;
        s.execute("INSERT INTO " + schema.table().quarantineQuoted() + " (" + columns + ", " + PortSchema.BATCH_COLUMN + ", _line, _reason) "
            + "SELECT " + columns + ", " + seq + ", _line, " + (blocked ? "coalesce(_reason, " + qualityReason + ")" : "_reason")
            + " FROM " + checked + (blocked ? "" : " WHERE _reason IS NOT NULL"));
      }
      if (blocked) {
        quarantined += valid;
        valid = 0;
      }
      String status = blocked || (valid == 0 && quarantined > 0) ? Batch.QUARANTINED : Batch.COMMITTED;
      JsonArray reasons = reasons(c, checked);
      if (blocked) {
        report.blockingRules().forEach(r -> reasons.add(new JsonObject().put("reason", "quality: " + r).put("rows", counts[0])));
      }
      Batch batch = new Batch(seq, id, run.id(), target.productId(), target.port(), schema.table().major(), status,
          job.idempotencyKey(), job.source(), job.format().wireName(), valid, quarantined, run.startedAt(), Instant.now(), null,
          report == null ? null : report.toJson(), reasons);
      BatchRegister.insert(c, batch);
      c.commit();
      c.setAutoCommit(true);
      return new Ingested(batch, false);
    } finally {
      Staging.drop(c, staging);
      Staging.drop(c, checked);
    }
  }

  private QualityReport judge(Connection c, ContractChecks checks, String checked, PortSchema schema) {
    List<QualityRule> rules = QualityEngine.rulesOf(schema.object());
    if (rules.isEmpty()) {
      return null;
    }
    return quality.evaluate(c, "(" + checks.typedSelect(checked, "_reason IS NULL") + ")", schema.object(), rules);
  }

  /** A batch that could not be read at all is registered as failed, so its run can be looked up; its key may be retried. */
  private static void record(Connection c, PortContract target, IngestJob job, Run run, String reason) throws SQLException {
    long seq = BatchRegister.nextSeq(c);
    BatchRegister.insert(c, new Batch(seq, "b-" + seq + "-" + UUID.randomUUID().toString().substring(0, 8), run.id(), target.productId(),
        target.port(), target.contract().version().major(), Batch.FAILED, job.idempotencyKey(), job.source(), job.format().wireName(),
        0, 0, run.startedAt(), Instant.now(), null, null, new JsonArray().add(new JsonObject().put("reason", reason).put("rows", 0))));
  }

  private static long[] counts(Connection c, String checked) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT count(*) FILTER (WHERE _reason IS NULL), count(*) FILTER (WHERE _reason IS NOT NULL) FROM " + checked)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static JsonArray reasons(Connection c, String checked) throws SQLException {
    JsonArray reasons = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT r, count(*) FROM (SELECT unnest(string_split(_reason, '; ')) AS r FROM "
        + checked + " WHERE _reason IS NOT NULL) GROUP BY r ORDER BY 2 DESC, 1 LIMIT 50"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        reasons.add(new JsonObject().put("reason", rs.getString(1)).put("rows", rs.getLong(2)));
      }
    }
    return reasons;
  }
}
