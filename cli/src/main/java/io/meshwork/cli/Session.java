package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CLI talks to and as whom: the node, Keycloak, and the tokens {@code login} saved
 * (owner-only file), refreshed with the refresh token when the access token has expired.
 * {@code MESHWORK_TOKEN} in the environment overrides the saved login (for CI with a service account).
 */
final class Session {

  static final String CLIENT_ID = "meshwork-cli";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String node;
  private final String keycloak;
  private final String realm;
  private final Path configDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Session(String node, String keycloak, String realm, Path configDir) {
    this.node = strip(node);
    this.keycloak = strip(keycloak);
    this.realm = realm;
    this.configDir = configDir;
  }

  /** Password grant through the public CLI client; saves the tokens. */
  void login(String username, String password) {
    save(tokenRequest(Map.of("grant_type", "password", "client_id", CLIENT_ID, "username", username, "password", password)));
  }

  /**
   * OAuth 2.0 device authorization grant (RFC 8628) through the public CLI client: asks Keycloak
   * for a user code, shows where to enter it (any browser, any device), then polls the token
   * endpoint at the interval Keycloak asks for — waiting on {@code authorization_pending}, slowing
   * down by five seconds on {@code slow_down} — until the user has signed in there, refused, or the
   * code expired. Saves the tokens; returns the signed-in user's name.
   */
  String loginWithDevice(java.io.PrintWriter out, DeviceWait wait) {
    HttpResponse<String> authorization = form(oidc("/auth/device"), Map.of("client_id", CLIENT_ID, "scope", "openid"));
    JsonNode device = parse(authorization.body());
    if (authorization.statusCode() != 200) {
      throw new CliException("Keycloak refused the device sign-in: " + device.path("error_description").asText(device.path("error").asText(
          "HTTP " + authorization.statusCode())) + " (is the device authorization grant enabled for client " + CLIENT_ID + "?)", 2);
    }
    String where = device.path("verification_uri_complete").asText(device.path("verification_uri").asText());
    out.println("To sign in, open " + where);
    out.println("and confirm the code " + device.path("user_code").asText() + " (valid for "
        + device.path("expires_in").asLong(600) / 60 + " minutes). Waiting...");
    out.flush();
    long interval = Math.max(1, device.path("interval").asLong(5));
    Instant expires = Instant.now().plusSeconds(device.path("expires_in").asLong(600));
    while (Instant.now().isBefore(expires)) {
      wait.sleep(Duration.ofSeconds(interval));
      HttpResponse<String> polled = form(oidc("/token"), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
          "client_id", CLIENT_ID, "device_code", device.path("device_code").asText()));
      JsonNode answer = parse(polled.body());
      if (polled.statusCode() == 200) {
        save(answer);
        return claim(answer.path("access_token").asText(), "preferred_username");
      }
      switch (answer.path("error").asText()) {
        case "authorization_pending" -> { }
        case "slow_down" -> interval += 5;
        case "access_denied" -> throw new CliException("sign-in refused in the browser", 2);
        case "expired_token" -> throw new CliException("the code expired before it was confirmed: run 'meshwork login' again", 2);
        default -> throw new CliException("sign-in failed: " + answer.path("error_description").asText(answer.path("error").asText(
            "HTTP " + polled.statusCode())), 2);
      }
    }
    throw new CliException("the code expired before it was confirmed: run 'meshwork login' again", 2);
  }

  /** How the device flow waits between polls (a test may wait less). */
  interface DeviceWait {
    void sleep(Duration duration);

    DeviceWait REAL = duration -> {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted", 2);
      }
    };
  }

  private URI oidc(String path) {
    return URI.create(keycloak + "/realms/" + realm + "/protocol/openid-connect" + path);
  }

  private HttpResponse<String> form(URI uri, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), "Keycloak at " + keycloak);
  }

  /** A claim of a JWT's payload (read, not verified: the node verifies the token; this is only for messages). */
  private static String claim(String jwt, String name) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return "?";
    }
    return parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).path(name).asText("?");
  }

  private Path credentials() {
    return configDir.resolve("credentials.json");
  }

  String accessToken() {
    String fromEnv = System.getenv("MESHWORK_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    if (!Files.exists(credentials())) {
      throw new CliException("not signed in: run 'meshwork login' first (or set MESHWORK_TOKEN)", 2);
    }
    try {
      ObjectNode saved = (ObjectNode) JSON.readTree(credentials().toFile());
      if (!saved.path("realm").asText().equals(realm) || !saved.path("keycloak").asText().equals(keycloak)) {
        throw new CliException("signed in to another realm or Keycloak: run 'meshwork login' again", 2);
      }
      if (Instant.now().plusSeconds(10).isBefore(Instant.ofEpochSecond(saved.path("expiresAt").asLong()))) {
        return saved.path("accessToken").asText();
      }
      JsonNode refreshed = tokenRequest(Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID,
          "refresh_token", saved.path("refreshToken").asText()));
      save(refreshed);
      return refreshed.path("access_token").asText();
    } catch (IOException e) {
      throw new CliException("cannot read " + credentials() + ": " + e.getMessage(), 2);
    }
  }

  private JsonNode tokenRequest(Map<String, String> form) {
    HttpResponse<String> response = form(oidc("/token"), form);
    JsonNode answer = parse(response.body());
    if (response.statusCode() != 200) {
      String why = answer.path("error_description").asText(answer.path("error").asText("HTTP " + response.statusCode()));
      throw new CliException("sign-in refused: " + why + (form.get("grant_type").equals("refresh_token") ? " (run 'meshwork login' again)" : ""), 2);
    }
    return answer;
  }

  private void save(JsonNode tokens) {
    ObjectNode saved = JSON.createObjectNode()
        .put("keycloak", keycloak)
        .put("realm", realm)
        .put("accessToken", tokens.path("access_token").asText())
        .put("refreshToken", tokens.path("refresh_token").asText())
        .put("expiresAt", Instant.now().plusSeconds(tokens.path("expires_in").asLong(60)).getEpochSecond());
    try {
      Files.createDirectories(configDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path temp = Files.createTempFile(configDir, "credentials", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, JSON.writeValueAsString(saved));
      Files.move(temp, credentials(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException("cannot save the sign-in to " + configDir + ": " + e.getMessage(), 2);
    }
  }

  /** A call to the node with the signed-in user's token. */
  HttpResponse<String> node(String method, String path, String contentType, String body, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + accessToken())
        .header("Accept", accept)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build(), "the mesh node at " + node);
  }

  /** GET of a JSON resource of the node; anything but 200 ends the command with the problem (exit 1 for 404, else 2). */
  JsonNode getJson(String path) {
    HttpResponse<String> response = node("GET", path, null, null, "application/json");
    if (response.statusCode() != 200) {
      throw new CliException(problem(response), response.statusCode() == 404 ? 1 : 2);
    }
    return parse(response.body());
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliException("cannot reach " + what, 2);
    } catch (IOException e) {
      throw new CliException("talking to " + what + " failed: " + e.getMessage(), 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", 2);
    }
  }

  static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("detail", body);
    }
  }

  /** One line (plus one per field error) out of a problem+json body. */
  static String problem(HttpResponse<String> response) {
    JsonNode problem = parse(response.body());
    StringBuilder text = new StringBuilder(response.statusCode() + " " + problem.path("title").asText("error"));
    if (problem.hasNonNull("detail")) {
      text.append(": ").append(problem.path("detail").asText());
    }
    problem.path("errors").forEach(e -> text.append(System.lineSeparator()).append("    ")
        .append(e.path("pointer").asText()).append(" ").append(e.path("reason").asText()));
    for (String list : new String[] {"breakingChanges", "violations"}) {
      problem.path(list).forEach(e -> text.append(System.lineSeparator()).append("    ").append(e.isTextual() ? e.asText() : e.toString()));
    }
    if (problem.hasNonNull("traceId")) {
      text.append(System.lineSeparator()).append("    trace ").append(problem.path("traceId").asText());
    }
    return text.toString();
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
