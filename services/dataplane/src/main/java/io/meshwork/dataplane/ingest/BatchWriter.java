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
 * find the invalid rows against the contract in one SQL pass, then — in ONE transaction — append
 * the valid rows to the port table and the invalid ones to the quarantine table with their
 * reasons, judge the batch's rows with the contract's quality rules (a blocking failure starts the
 * transaction again with every row quarantined), and add the batch's row to the register. A crash
 * before the commit leaves nothing; after it, everything.
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
    String invalid = Staging.name(schema.table());
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
        s.execute(checks.createInvalid(invalid, staging, sources));
      }
      long total = count(c, "SELECT count(*) FROM " + staging);
      long bad = count(c, "SELECT count(*) FROM " + invalid);
      run.rows(total);
      run.phase("committing");

      String columns = schema.columns().stream().map(col -> col.quoted()).collect(Collectors.joining(", "));
      String table = schema.table().quoted();
      String quarantine = schema.table().quarantineQuoted();
      String system = PortSchema.BATCH_COLUMN;
      c.setAutoCommit(false);
      long seq = BatchRegister.nextSeq(c);
      try (Statement s = c.createStatement()) {
        // valid rows straight from staging, typed; the invalid ones (few, usually) are left out by record number
        s.execute("INSERT INTO " + table + " (" + columns + ", " + system + ") SELECT " + checks.typedColumns(sources) + ", " + seq
            + " FROM " + staging + " s" + (bad == 0 ? "" : " WHERE s.rowid + 1 NOT IN (SELECT _line FROM " + invalid + ")"));
        if (bad > 0) {
          s.execute("INSERT INTO " + quarantine + " (" + columns + ", " + system + ", _line, _reason) SELECT " + checks.rawColumns(sources)
              + ", " + seq + ", i._line, i._reason FROM " + staging + " s JOIN " + invalid + " i ON s.rowid + 1 = i._line");
        }
      }
      // the quality rules judge exactly the rows this batch adds, as stored, before anyone can see them
      QualityReport report = judge(c, schema, table + " WHERE " + system + " = " + seq);
      boolean blocked = report != null && report.blocking();
      long valid = total - bad;
      long quarantined = bad;
      if (blocked) {
        // nothing of it enters the snapshot: start the transaction again and quarantine every row
        c.rollback();
        String qualityReason = ContractChecks.literal(report.blockingRules().stream().map(r -> "quality: " + r).collect(Collectors.joining("; ")));
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO " + quarantine + " (" + columns + ", " + system + ", _line, _reason) SELECT " + checks.rawColumns(sources)
              + ", " + seq + ", s.rowid + 1, coalesce(i._reason, " + qualityReason + ") FROM " + staging + " s LEFT JOIN " + invalid
              + " i ON s.rowid + 1 = i._line");
        }
        quarantined = total;
        valid = 0;
      }
      String status = blocked || (valid == 0 && quarantined > 0) ? Batch.QUARANTINED : Batch.COMMITTED;
      JsonArray reasons = bad == 0 ? new JsonArray() : reasons(c, invalid);
      if (blocked) {
        long judged = total - bad;
        report.blockingRules().forEach(r -> reasons.add(new JsonObject().put("reason", "quality: " + r).put("rows", judged)));
      }
      String id = "b-" + seq + "-" + UUID.randomUUID().toString().substring(0, 8);
      Batch batch = new Batch(seq, id, run.id(), target.productId(), target.port(), schema.table().major(), status,
          job.idempotencyKey(), job.source(), job.format().wireName(), valid, quarantined, run.startedAt(), Instant.now(), null,
          report == null ? null : report.toJson(), reasons);
      BatchRegister.insert(c, batch);
      c.commit();
      c.setAutoCommit(true);
      return new Ingested(batch, false);
    } finally {
      Staging.drop(c, staging);
      Staging.drop(c, invalid);
    }
  }

  private QualityReport judge(Connection c, PortSchema schema, String rowsOfBatch) {
    List<QualityRule> rules = QualityEngine.rulesOf(schema.object());
    if (rules.isEmpty()) {
      return null;
    }
    String columns = schema.columns().stream().map(col -> col.quoted()).collect(Collectors.joining(", "));
    return quality.evaluate(c, "(SELECT " + columns + " FROM " + rowsOfBatch + ")", schema.object(), rules);
  }

  /** A batch that could not be read at all is registered as failed, so its run can be looked up; its key may be retried. */
  private static void record(Connection c, PortContract target, IngestJob job, Run run, String reason) throws SQLException {
    long seq = BatchRegister.nextSeq(c);
    BatchRegister.insert(c, new Batch(seq, "b-" + seq + "-" + UUID.randomUUID().toString().substring(0, 8), run.id(), target.productId(),
        target.port(), target.contract().version().major(), Batch.FAILED, job.idempotencyKey(), job.source(), job.format().wireName(),
        0, 0, run.startedAt(), Instant.now(), null, null, new JsonArray().add(new JsonObject().put("reason", reason).put("rows", 0))));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonArray reasons(Connection c, String invalid) throws SQLException {
    JsonArray reasons = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT r, count(*) FROM (SELECT unnest(string_split(_reason, '; ')) AS r FROM "
        + invalid + ") GROUP BY r ORDER BY 2 DESC, 1 LIMIT 50"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        reasons.add(new JsonObject().put("reason", rs.getString(1)).put("rows", rs.getLong(2)));
      }
    }
    return reasons;
  }
}
