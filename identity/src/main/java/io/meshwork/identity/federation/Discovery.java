package io.meshwork.identity.federation;

import io.meshwork.model.error.UnprocessableException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an OIDC provider's discovery document before Keycloak is told about the provider, so that a
 * typo or an unreachable provider is a clear 422 now rather than a failed sign-in later.
 */
final class Discovery {

  private static final long TIMEOUT_MS = 5_000;
  private final WebClient http;

  Discovery(WebClient http) {
    this.http = http;
  }

  Future<ProviderRequest.Endpoints> fetch(URI url) {
    return http.getAbs(url.toString()).timeout(TIMEOUT_MS).putHeader("Accept", "application/json").send()
        .recover(err -> Future.failedFuture(new UnprocessableException(
            "The discovery URL " + url + " cannot be reached: " + reason(err))))
        .map(response -> endpoints(url, response));
  }

  private static ProviderRequest.Endpoints endpoints(URI url, HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new UnprocessableException("The discovery URL " + url + " answered HTTP " + response.statusCode()
          + " instead of an OpenID Connect discovery document");
    }
    JsonObject document;
    try {
      document = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      document = null;
    }
    if (document == null) {
      throw new UnprocessableException("The discovery URL " + url + " did not answer with a JSON object");
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")) {
      if (!(document.getValue(field) instanceof String s) || s.isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new UnprocessableException("The document at " + url + " is not an OpenID Connect discovery document: missing "
          + String.join(", ", missing));
    }
    try {
      return new ProviderRequest.Endpoints(document.getString("issuer"),
          URI.create(document.getString("authorization_endpoint")), URI.create(document.getString("token_endpoint")),
          URI.create(document.getString("jwks_uri")),
          Optional.ofNullable(document.getString("userinfo_endpoint")).map(URI::create),
          Optional.ofNullable(document.getString("end_session_endpoint")).map(URI::create));
    } catch (IllegalArgumentException e) {
      throw new UnprocessableException("The discovery document at " + url + " holds an endpoint that is not a URL");
    }
  }

  private static String reason(Throwable err) {
    String message = err.getMessage();
    return message == null || message.isBlank() ? err.getClass().getSimpleName() : message;
  }
}
