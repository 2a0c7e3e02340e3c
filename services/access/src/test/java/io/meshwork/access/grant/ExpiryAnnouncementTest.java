package io.meshwork.access.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.grant.GrantRepository.StoredGrant;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.MaskingRules;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Principal;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expired grants are announced once (audit entry and CloudEvent), over the embedded MongoDB-wire server. */
class ExpiryAnnouncementTest {

  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    client.close();
    mongo.close();
  }

  @Test
  void eachExpiredGrantIsAnnouncedOnceAndActiveOrRevokedOnesNever() throws Exception {
    MongoDatabase database = client.getDatabase("expiry-test");
    EventLog events = new EventLog(vertx, database);
    await(events.start());
    GrantRepository repository = new GrantRepository(vertx, database);
    GrantService service = new GrantService(repository, (product, port) -> Future.failedFuture("unused"),
        new PolicyDecisionPoint(MaskingRules.defaults()), new AuditLog(vertx, database, events));
    Instant now = Instant.now();
    await(repository.insert(grant("expired", now.minus(Duration.ofDays(2)), now.minusSeconds(1)), Map.of()));
    await(repository.insert(grant("active", now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(1))), Map.of()));
    await(repository.insert(grant("revoked", now.minus(Duration.ofDays(2)), now.minusSeconds(5)), Map.of()));
    await(repository.revoke("revoked", "olivia", now.minus(Duration.ofDays(1))));

    assertThat(await(service.announceExpiries())).isEqualTo(1);
    assertThat(await(service.announceExpiries())).as("already announced").isZero();

    List<CloudEvent> feed = await(events.read(0, null, 10)).items();
    assertThat(feed).hasSize(1);
    CloudEvent expired = feed.get(0);
    assertThat(expired.type()).isEqualTo("io.meshwork.access.expired");
    assertThat(expired.subject()).isEqualTo("expired");
    assertThat(expired.data().getString("action")).isEqualTo("grant.expired");
    assertThat(expired.data().getString("actor")).isEqualTo(GrantService.SYSTEM_ACTOR);
    assertThat(expired.data().getJsonObject("details").getString("grantId")).isEqualTo("expired");
  }

  private static StoredGrant grant(String id, Instant grantedAt, Instant expiresAt) {
    Grant grant = new Grant(id, new Principal(Principal.Kind.USER, "carlos-id"), "orders-daily", "lines", "analytics",
        grantedAt, expiresAt, Set.of(), Set.of(), Optional.empty());
    return new StoredGrant(grant, "orders", "olivia", null, null, null);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
