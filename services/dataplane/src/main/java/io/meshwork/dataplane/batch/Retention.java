package io.meshwork.dataplane.batch;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.storage.PortTable;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SlaProperty;
import io.meshwork.runtime.events.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the batches a contract no longer wants kept: its {@code slaProperties} entry
 * {@code retention} (value + unit: s, min, h, d, w, m/month, y) says how long a batch stays after it
 * was committed. An expired batch's rows (and quarantined rows) are deleted and the batch is marked
 * retired, in one transaction per port, announced by one {@value #RETIRED} event per port (which
 * also drops the port's cached query results); nothing else ever deletes data.
 */
public final class Retention {

  public static final String RETIRED = "io.meshwork.batch.retired";
  private static final String SOURCE = "/meshwork/dataplane";
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final DomainDatabases databases;
  private final PortContracts ports;
  private final Consumer<CloudEvent> publish;

  /** @param publish where the {@value #RETIRED} events go (the node's event log) */
  public Retention(DomainDatabases databases, PortContracts ports, Consumer<CloudEvent> publish) {
    this.databases = databases;
    this.ports = ports;
    this.publish = publish;
  }

  /** One pass over every served domain; completes with the number of batches retired. */
  public Future<Integer> run(Instant now) {
    return databases.existing()
        .compose(domains -> Future.all(domains.stream().map(domain -> domain(domain, now)).toList()))
        .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
  }

  private Future<Integer> domain(String domain, Instant now) {
    return databases.read(domain, BatchRegister::livePorts)
        .compose(live -> {
          Future<Integer> done = Future.succeededFuture(0);
          for (String[] p : live) {
            done = done.compose(sum -> ports.port(p[0], p[1])
                .compose(target -> retire(target, now))
                .recover(err -> {
                  LOG.debug("retention skips {}/{}: {}", p[0], p[1], err.toString());
                  return Future.succeededFuture(0);
                })
                .map(n -> sum + n));
          }
          return done;
        });
  }

  private Future<Integer> retire(PortContract target, Instant now) {
    Optional<Instant> cutoff = retention(target.contract()).map(keep -> cutoff(now, keep));
    if (cutoff.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return databases.write(target.domain(), c -> {
      List<Batch> old = BatchRegister.olderThan(c, target.productId(), target.port(), cutoff.get());
      if (old.isEmpty()) {
        return List.<Batch>of();
      }
      c.setAutoCommit(false);
      for (Batch b : old) {
        PortTable table = PortTable.of(b.product(), b.port(), b.major());
        delete(c, table.quoted(), b.seq());
        delete(c, table.quarantineQuoted(), b.seq());
        BatchRegister.retire(c, b.seq(), now);
      }
      c.commit();
      c.setAutoCommit(true);
      LOG.info("retention retired {} batch(es) of {}/{}", old.size(), target.productId(), target.port());
      return old;
    }).map(retired -> {
      if (!retired.isEmpty()) {
        publish.accept(CloudEvent.of(SOURCE, RETIRED, target.productId() + "/" + target.port(), new JsonObject()
            .put("domain", target.domain())
            .put("product", target.productId())
            .put("port", target.port())
            .put("batches", retired.size())
            .put("batchIds", new JsonArray(retired.stream().map(Batch::id).toList()))
            .put("rowsValid", retired.stream().mapToLong(Batch::rowsValid).sum())
            .put("cutoff", cutoff.get().toString())
            .put("retiredAt", now.toString())));
      }
      return retired.size();
    });
  }

  private static void delete(Connection c, String table, long seq) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + PortSchema.BATCH_COLUMN + " = ?")) {
      ps.setLong(1, seq);
      ps.executeUpdate();
    } catch (java.sql.SQLException missingTable) {
      if (!String.valueOf(missingTable.getMessage()).contains("does not exist")) {
        throw missingTable;
      }
    }
  }

  /** How long the contract keeps a batch: a Period (days and up) or a Duration (seconds to hours). */
  static Optional<Object> retention(DataContract contract) {
    for (SlaProperty p : contract.slaProperties()) {
      if (!"retention".equalsIgnoreCase(p.property()) || p.value() == null || !p.value().canConvertToInt()) {
        continue;
      }
      int n = p.value().asInt();
      String unit = p.unit() == null ? "d" : p.unit().trim().toLowerCase(Locale.ROOT);
      Object keep = switch (unit) {
        case "s", "sec", "second", "seconds" -> Duration.ofSeconds(n);
        case "min", "minute", "minutes" -> Duration.ofMinutes(n);
        case "h", "hr", "hour", "hours" -> Duration.ofHours(n);
        case "d", "day", "days" -> Period.ofDays(n);
        case "w", "week", "weeks" -> Period.ofWeeks(n);
        case "m", "mo", "month", "months" -> Period.ofMonths(n);
        case "y", "yr", "year", "years" -> Period.ofYears(n);
        default -> null;
      };
      if (keep != null && n > 0) {
        return Optional.of(keep);
      }
    }
    return Optional.empty();
  }

  static Instant cutoff(Instant now, Object keep) {
    return keep instanceof Duration d ? now.minus(d) : now.atZone(ZoneOffset.UTC).minus((Period) keep).toInstant();
  }

}
