package io.meshwork.identity.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fetches an access token with the OAuth 2 resource-owner password grant through the public CLI
 * client. For tests and the dev realm only: that grant is what the demo realm enables on
 * {@code meshwork-cli} so integration tests can act as ada, olivia, carlos or sam without a browser.
 */
public final class PasswordGrant {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI tokenEndpoint;
  private final String clientId;
  private final HttpClient http;

  /** Through the default CLI client, {@value RealmSettings#DEFAULT_CLI_CLIENT_ID}. */
  public PasswordGrant(URI keycloakUrl, String realm) {
    this(keycloakUrl, realm, RealmSettings.DEFAULT_CLI_CLIENT_ID);
  }

  public PasswordGrant(URI keycloakUrl, String realm, String clientId) {
    String base = keycloakUrl.toString().replaceAll("/+$", "");
    this.tokenEndpoint = URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
    this.clientId = clientId;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  /** The encoded access token (a JWT) for this user; {@link Failure} if Keycloak refuses or cannot be reached. */
  public String accessToken(String username, String password) {
    String form = Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "username", username,
            "password", password,
            "scope", "openid")
        .entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Failure(0, "unreachable", "cannot reach " + tokenEndpoint + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(0, "interrupted", "interrupted while calling " + tokenEndpoint);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
      String error = body.path("error").asText("unknown");
      throw new Failure(response.statusCode(), error, "password grant for '" + username + "' refused by "
          + tokenEndpoint + ": HTTP " + response.statusCode() + " " + error
          + " " + body.path("error_description").asText(""));
    }
    return body.get("access_token").asText();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The token request failed: {@code status} 0 when Keycloak could not be reached; {@code error} is the OAuth error code. */
  public static final class Failure extends RuntimeException {
    private final int status;
    private final String error;

    public Failure(int status, String error, String message) {
      super(message);
      this.status = status;
      this.error = error;
    }

    public int status() {
      return status;
    }

    /** OAuth 2 error code, e.g. {@code invalid_grant} for a wrong password. */
    public String error() {
      return error;
    }
  }
}
