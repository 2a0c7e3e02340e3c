package io.meshwork.bench.identity;

import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every request to the node pays for authentication: verifying an RS256 bearer token (signature,
 * expiry, issuer, audience) against warm keys and resolving who is calling. The node's own
 * {@link TokenVerifier}, with its keys fetched over HTTP from a local issuer exactly as from Keycloak
 * (discovery document, then JWKS), side by side with the raw engine it builds on — Vert.x's
 * {@code JWTAuth} checking the same token's signature on every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerificationBenchmark {

  private static final String AUDIENCE = "meshwork-node";

  Vertx vertx;
  HttpServer issuerServer;
  TokenVerifier verifier;
  JWTAuth rawEngine;
  String token;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "bench-key").put("use", "sig").put("alg", "RS256")
        .put("n", base64Url(publicKey.getModulus())).put("e", base64Url(publicKey.getPublicExponent()));

    issuerServer = vertx.createHttpServer().requestHandler(request -> {
      String base = "http://127.0.0.1:" + issuerServer.actualPort() + "/realms/bench";
      if (request.path().endsWith("/.well-known/openid-configuration")) {
        request.response().end(new JsonObject().put("issuer", base).put("jwks_uri", base + "/certs").encode());
      } else {
        request.response().end(new JsonObject().put("keys", new JsonArray().add(jwk)).encode());
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String issuer = "http://127.0.0.1:" + issuerServer.actualPort() + "/realms/bench";

    verifier = new TokenVerifier(vertx, WebClient.create(vertx), issuer, AUDIENCE);
    rawEngine = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(List.of(jwk))
        .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(AUDIENCE))));
    verifier.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem)));
    JsonObject claims = new JsonObject()
        .put("sub", "f5c1c7a2-0f7e-4a53-9d0b-3b8b8e1d9c11")
        .put("preferred_username", "carlos")
        .put("realm_access", new JsonObject().put("roles", new JsonArray().add("data-consumer").add("offline_access")))
        .put("groups", new JsonArray().add("/domains/orders/members").add("/teams/analysts"));
    token = signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setIssuer(issuer)
        .setAudience(List.of(AUDIENCE, "account")).setExpiresInMinutes(60).setHeader(new JsonObject().put("kid", "bench-key")));
    Caller caller = meshworkVerifier();
    if (!caller.username().equals("carlos") || !caller.inDomain("orders")) {
      throw new IllegalStateException("the benchmark token does not verify as expected: " + caller);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Caller meshworkVerifier() {
    // against loaded keys this completes synchronously: no I/O per request
    Future<Caller> result = verifier.verify(token);
    if (!result.succeeded()) {
      throw new IllegalStateException("token rejected", result.cause());
    }
    return result.result();
  }

  @Benchmark
  public Object rawJwtAuth() {
    Future<io.vertx.ext.auth.User> result = rawEngine.authenticate(new io.vertx.ext.auth.authentication.TokenCredentials(token));
    if (!result.succeeded()) {
      throw new IllegalStateException("token rejected", result.cause());
    }
    return result.result();
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
