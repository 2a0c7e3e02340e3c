package io.meshwork.runtime.auth;

import io.meshwork.model.error.UnauthorizedException;
import io.meshwork.runtime.health.ReadinessCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens locally against the realm's published signing keys (JWKS), checking
 * signature, expiry, issuer and audience. No network call per request: the keys are fetched at
 * start (retried until Keycloak answers) and again only when a token names a key id we have not
 * seen, which is what a key rotation looks like, or when the readiness probe finds them older than
 * {@value #MIN_REFRESH_INTERVAL_MS} ms. Either refresh happens at most once per that interval, so a
 * flood of forged key ids cannot turn into a flood of JWKS requests; the price is that a token
 * signed with a brand-new key may be refused for up to that long after the previous refresh.
 *
 * <p>Once keys were loaded, a failed refresh keeps the keys we have: tokens already issued keep
 * working until they expire, and {@link #readiness()} reports identity as degraded instead of down.
 */
public final class TokenVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
  private static final long RETRY_MS = 2_000;
  private static final long MIN_REFRESH_INTERVAL_MS = 10_000;
  private static final long FETCH_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final WebClient http;
  private final String issuer;
  private final String audience;
  private volatile JWTAuth auth;
  private volatile Set<String> keyIds = Set.of();
  private volatile long lastRefresh;
  /** Why the last refresh failed; null once one succeeds. */
  private volatile String lastFailure;
  private Future<Void> loading;
  /**
   * Tokens verified recently, kept until they expire: a client sends the same token with every
   * request, and checking an RS256 signature costs tens of microseconds each time. Only tokens
   * that passed full verification enter; the set is bounded, and cleared whenever the realm's
   * keys change, so a key withdrawn from the realm stops its tokens at once.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Caller caller, long expiresAtMillis) {}

  private static final int MAX_VERIFIED = 10_000;

  public TokenVerifier(Vertx vertx, WebClient http, String issuer, String audience) {
    this.vertx = vertx;
    this.http = http;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Starts loading the keys in the background; completes once they are loaded. */
  public Future<Void> start() {
    return loadUntilLoaded();
  }

  public boolean ready() {
    return auth != null;
  }

  public String issuer() {
    return issuer;
  }

  /**
   * The {@code identity} readiness check: DOWN until keys were loaded once; then UP, or DEGRADED
   * with the reason while the identity provider cannot be reached (the keys we have still verify).
   * Refreshes the keys when they are older than the refresh interval.
   */
  public ReadinessCheck readiness() {
    return new ReadinessCheck("identity", () -> {
      if (!ready()) {
        return Future.failedFuture("signing keys of " + issuer + " not loaded yet");
      }
      Future<Void> refreshed = System.currentTimeMillis() - lastRefresh > MIN_REFRESH_INTERVAL_MS
          ? refreshKeys() : Future.succeededFuture();
      return refreshed.transform(done -> {
        String failure = lastFailure;
        return Future.succeededFuture(failure == null ? null
            : new ReadinessCheck.Degraded("cannot refresh the signing keys of " + issuer + " (" + failure
                + "); tokens signed with the keys already loaded are still accepted"));
      });
    });
  }

  private Future<Void> loadUntilLoaded() {
    return refreshKeys().recover(err -> {
      LOG.warn("signing keys of {} not loaded yet ({}); retrying in {} ms", issuer, err.getMessage(), RETRY_MS);
      return vertx.timer(RETRY_MS).compose(v -> loadUntilLoaded());
    });
  }

  /** Fetches the realm's JWKS through OIDC discovery and swaps in a verifier for it. */
  synchronized Future<Void> refreshKeys() {
    if (loading != null) {
      return loading;
    }
    lastRefresh = System.currentTimeMillis();
    loading = http.getAbs(issuer + "/.well-known/openid-configuration").timeout(FETCH_TIMEOUT_MS).send()
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("discovery answered " + response.statusCode());
          }
          return response.bodyAsJsonObject().getString("jwks_uri");
        })
        .compose(jwksUri -> http.getAbs(jwksUri).timeout(FETCH_TIMEOUT_MS).send())
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("JWKS answered " + response.statusCode());
          }
          install(response.bodyAsJsonObject().getJsonArray("keys", new JsonArray()));
          return (Void) null;
        })
        .andThen(done -> {
          synchronized (this) {
            loading = null;
          }
          if (done.failed()) {
            lastFailure = String.valueOf(done.cause().getMessage());
            if (auth != null) {
              LOG.warn("cannot refresh the signing keys of {}: {}; keeping the {} key(s) already loaded",
                  issuer, lastFailure, keyIds.size());
            }
          } else {
            lastFailure = null;
          }
        });
    return loading;
  }

  private void install(JsonArray keys) {
    List<JsonObject> signing = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object key : keys) {
      JsonObject jwk = (JsonObject) key;
      // Keycloak also publishes encryption keys (use=enc); only signature keys verify tokens
      if (!"enc".equals(jwk.getString("use")) && jwk.getString("alg", "").matches("RS256|RS384|RS512|ES256|ES384|ES512|PS256")) {
        signing.add(jwk);
        ids.add(jwk.getString("kid"));
      }
    }
    if (signing.isEmpty()) {
      throw new IllegalStateException("the realm publishes no signing keys");
    }
    if (auth != null && ids.equals(keyIds)) {
      return;
    }
    JWTOptions options = new JWTOptions().setIssuer(issuer).setAudience(List.of(audience)).setLeeway(5);
    auth = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(signing).setJWTOptions(options));
    keyIds = Set.copyOf(ids);
    verified.clear();
    LOG.info("loaded {} signing key(s) of {}", signing.size(), issuer);
  }

  /** Verifies a raw bearer token and returns who is calling, or fails with 401. */
  public Future<Caller> verify(String token) {
    JWTAuth current = auth;
    if (current == null) {
      return Future.failedFuture(new UnauthorizedException("Tokens cannot be verified yet: the identity provider's keys are not loaded"));
    }
    Verified known = verified.get(token);
    if (known != null) {
      if (System.currentTimeMillis() < known.expiresAtMillis()) {
        return Future.succeededFuture(known.caller());
      }
      verified.remove(token);
    }
    String kid = keyId(token);
    if (kid != null && !keyIds.contains(kid) && System.currentTimeMillis() - lastRefresh > MIN_REFRESH_INTERVAL_MS) {
      return refreshKeys().recover(err -> Future.succeededFuture()).compose(v -> authenticate(auth, token));
    }
    return authenticate(current, token);
  }

  private Future<Caller> authenticate(JWTAuth auth, String token) {
    return auth.authenticate(new TokenCredentials(token))
        .map(user -> {
          JsonObject claims = user.attributes().getJsonObject("accessToken");
          Caller caller = Caller.fromClaims(claims);
          Long exp = claims.getLong("exp");
          if (exp != null) {
            if (verified.size() >= MAX_VERIFIED) {
              verified.clear();
            }
            verified.put(token, new Verified(caller, exp * 1000));
          }
          return caller;
        })
        .recover(err -> Future.failedFuture(new UnauthorizedException("The bearer token is invalid or expired")));
  }

  private static String keyId(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      return new JsonObject(header).getString("kid");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
