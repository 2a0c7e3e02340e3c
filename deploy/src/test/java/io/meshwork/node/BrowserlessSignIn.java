package io.meshwork.node;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks Keycloak's authorization-code flow the way a browser does — redirects, cookies, the login
 * form — without a browser, for tests of federated sign-in. It keeps cookies itself because Keycloak
 * marks them Secure even on http loopback, which {@link java.net.CookieManager} then drops.
 */
final class BrowserlessSignIn {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  /** name + path → value */
  private final Map<String, String[]> cookies = new LinkedHashMap<>();
  private final List<String> visited = new ArrayList<>();

  /** What the flow went through, for assertion messages. */
  List<String> visited() {
    return visited;
  }

  /**
   * Starts at {@code authorizationUrl}, follows redirects, submits the first login form met with the
   * credentials, and returns the final redirect to {@code redirectUri} (with {@code code}).
   */
  URI signIn(String authorizationUrl, String redirectUri, String username, String password) throws Exception {
    HttpResponse<String> response = get(URI.create(authorizationUrl));
    boolean submitted = false;
    for (int step = 0; step < 20; step++) {
      if (response.statusCode() == 302 || response.statusCode() == 303) {
        URI next = URI.create(response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString());
        if (next.toString().startsWith(redirectUri)) {
          return next;
        }
        response = get(next);
      } else if (response.statusCode() == 200 && !submitted) {
        Matcher action = FORM_ACTION.matcher(response.body());
        if (!action.find()) {
          throw new IllegalStateException("no form on " + response.uri() + ": " + response.body());
        }
        submitted = true;
        response = post(URI.create(action.group(1).replace("&amp;", "&")),
            Map.of("username", username, "password", password, "credentialId", ""));
      } else {
        throw new IllegalStateException("sign-in stopped at " + response.uri() + " with HTTP " + response.statusCode()
            + " after " + visited + ": " + response.body().substring(0, Math.min(2000, response.body().length())));
      }
    }
    throw new IllegalStateException("too many steps: " + visited);
  }

  static String pkceVerifier() {
    return UUID.randomUUID() + "-" + UUID.randomUUID();
  }

  static String pkceChallenge(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return send(withCookies(HttpRequest.newBuilder(uri), uri).GET().build());
  }

  private HttpResponse<String> post(URI uri, Map<String, String> fields) throws Exception {
    return send(withCookies(HttpRequest.newBuilder(uri), uri).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    visited.add(request.method() + " " + request.uri().getPath());
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String[] parts = header.split(";");
      int eq = parts[0].indexOf('=');
      String name = parts[0].substring(0, eq).trim();
      String value = parts[0].substring(eq + 1).trim();
      String path = "/";
      boolean expired = false;
      for (String attribute : parts) {
        String a = attribute.trim();
        if (a.regionMatches(true, 0, "Path=", 0, 5)) {
          path = a.substring(5);
        }
        if (a.regionMatches(true, 0, "Max-Age=0", 0, 9)) {
          expired = true;
        }
      }
      if (expired || value.isEmpty()) {
        cookies.remove(name + " " + path);
      } else {
        cookies.put(name + " " + path, new String[] {name, path, value});
      }
    }
    return response;
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder builder, URI uri) {
    String header = cookies.values().stream()
        .filter(c -> uri.getPath().startsWith(c[1]) || (uri.getPath() + "/").startsWith(c[1]))
        .map(c -> c[0] + "=" + c[2])
        .collect(Collectors.joining("; "));
    if (!header.isEmpty()) {
      builder.header("Cookie", header);
    }
    return builder;
  }
}
