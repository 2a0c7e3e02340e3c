package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.batch.BatchRegister;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.storage.PortTable;
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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a file into a batch, on a domain's write connection: stage it typed (DuckDB parses every
 * value once; records that do not parse are set aside with their reasons), find the rows that break
 * the contract's other rules in one SQL pass, then — in ONE transaction — append the valid rows to
 * the port table and the invalid and unparsable ones to the quarantine table with their reasons,
 * judge the batch's rows with the contract's quality rules (a blocking failure starts the
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
    String staging = Staging.name(schema.table(), "staging");
    String rejects = Staging.name(schema.table(), "rejects");
    String invalid = Staging.name(schema.table(), "invalid");
    try {
      run.phase("loading");
      Staging.Staged staged;
      try {
        staged = Staging.load(c, staging, rejects, job.file(), job.format(), schema.columns(), run::rows);
      } catch (MeshworkException e) {
        record(c, target, job, run, e.getMessage());
        throw e;
      }
      long total = staged.parsed() + staged.rejected();
      run.rows(total);
      run.phase("validating");
      List<ColumnRules> rules = ColumnRules.of(target.contract(), schema.object(), schema.columns());
      String table = schema.table().quoted();
      ContractChecks checks = new ContractChecks(schema, rules, !exists(c, "SELECT 1 FROM " + table + " LIMIT 1"));
      String createInvalid = checks.createInvalid(invalid, staging);
      long bad = 0;
      if (createInvalid != null) {
        try (Statement s = c.createStatement()) {
          s.execute(createInvalid);
        }
        bad = Staging.count(c, invalid);
      }
      run.phase("committing");

      String columns = schema.columns().stream().map(col -> col.quoted()).collect(Collectors.joining(", "));
      String quarantine = schema.table().quarantineQuoted();
      String system = PortSchema.BATCH_COLUMN;
      String quarantineColumns = " (" + columns + ", " + system + ", _line, _reason, _raw) ";
      c.setAutoCommit(false);
      long seq = BatchRegister.nextSeq(c);
      try (Statement s = c.createStatement()) {
        // valid rows straight from staging, already typed; the invalid ones (few, usually) are left out by row id
        s.execute("INSERT INTO " + table + " (" + columns + ", " + system + ") SELECT " + columns + ", " + seq
            + " FROM " + staging + (bad == 0 ? "" : " WHERE rowid NOT IN (SELECT _row FROM " + invalid + ")"));
        if (bad > 0) {
          s.execute("INSERT INTO " + quarantine + quarantineColumns + "SELECT " + checks.textColumns() + ", " + seq + ", "
              + staged.lineOf("s") + ", i._reason, NULL FROM " + staging + " s JOIN " + invalid + " i ON s.rowid = i._row");
        }
        quarantineRejects(s, staged, quarantine, quarantineColumns, columns, seq);
      }
      // the quality rules judge exactly the rows this batch adds, as stored, before anyone can see them
      QualityReport report = judge(c, schema, table + " WHERE " + system + " = " + seq);
      boolean blocked = report != null && report.blocking();
      long valid = staged.parsed() - bad;
      long quarantined = bad + staged.rejected();
      if (blocked) {
        // nothing of it enters the snapshot: start the transaction again and quarantine every row
        c.rollback();
        String qualityReason = PortTable.literal(report.blockingRules().stream().map(r -> "quality: " + r).collect(Collectors.joining("; ")));
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO " + quarantine + quarantineColumns + "SELECT " + checks.textColumns() + ", " + seq + ", "
              + staged.lineOf("s") + ", " + (bad == 0 ? qualityReason : "coalesce(i._reason, " + qualityReason + ")") + ", NULL FROM " + staging + " s"
              + (bad == 0 ? "" : " LEFT JOIN " + invalid + " i ON s.rowid = i._row"));
          quarantineRejects(s, staged, quarantine, quarantineColumns, columns, seq);
        }
        quarantined = total;
        valid = 0;
      }
      String status = blocked || (valid == 0 && quarantined > 0) ? Batch.QUARANTINED : Batch.COMMITTED;
      JsonArray reasons = quarantined == 0 ? new JsonArray() : reasons(c, bad == 0 ? null : invalid, staged);
      if (blocked) {
        long judged = staged.parsed() - bad;
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
      Staging.drop(c, rejects);
      Staging.drop(c, invalid);
    }
  }

  /** Records that could not be parsed: their raw text (or values), line and reason, into the quarantine. */
  private static void quarantineRejects(Statement s, Staging.Staged staged, String quarantine, String quarantineColumns, String columns, long seq)
      throws SQLException {
    if (staged.rejected() > 0) {
      s.execute("INSERT INTO " + quarantine + quarantineColumns + "SELECT " + columns + ", " + seq + ", _line, _reason, _raw FROM " + staged.rejects());
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

  private static JsonArray reasons(Connection c, String invalid, Staging.Staged staged) throws SQLException {
    String all = "SELECT _reason FROM " + staged.rejects() + (invalid == null ? "" : " UNION ALL SELECT _reason FROM " + invalid);
    JsonArray reasons = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT r, count(*) FROM (SELECT unnest(string_split(_reason, '; ')) AS r FROM ("
        + all + ")) GROUP BY r ORDER BY 2 DESC, 1 LIMIT 50"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        reasons.add(new JsonObject().put("reason", rs.getString(1)).put("rows", rs.getLong(2)));
      }
    }
    return reasons;
  }

  private static boolean exists(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }
}
