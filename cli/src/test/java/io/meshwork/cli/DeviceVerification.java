package io.meshwork.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The user's side of the device flow, done the way a browser does it over plain HTTP: open the
 * verification URL (with the user code), submit Keycloak's login form, then answer the consent
 * page ("Grant access to Meshwork CLI") — with Yes, or with No to refuse. Cookies are kept here
 * because Keycloak marks them Secure even on http loopback, which java.net.CookieManager drops.
 */
final class DeviceVerification {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
  private static final Pattern HIDDEN_CODE = Pattern.compile("<input[^>]*name=\"code\"[^>]*value=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final List<String> visited = new ArrayList<>();

  /** Signs in at {@code verificationUrl} and grants (or refuses) access; returns the final page's text. */
  String complete(String verificationUrl, String username, String password, boolean grant) throws Exception {
    HttpResponse<String> page = get(URI.create(verificationUrl));
    for (int step = 0; step < 12; step++) {
      if (page.statusCode() == 302 || page.statusCode() == 303) {
        page = get(page.uri().resolve(page.headers().firstValue("Location").orElseThrow()));
        continue;
      }
      Matcher action = FORM_ACTION.matcher(page.body());
      if (page.statusCode() != 200 || !action.find()) {
        return page.body();
      }
      URI target = page.uri().resolve(action.group(1).replace("&amp;", "&"));
      if (page.body().contains("name=\"username\"")) {
        page = post(target, Map.of("username", username, "password", password, "credentialId", ""));
      } else if (page.body().contains("name=\"accept\"")) {
        Matcher code = HIDDEN_CODE.matcher(page.body());
        Map<String, String> answer = new LinkedHashMap<>();
        if (code.find()) {
          answer.put("code", code.group(1));
        }
        answer.put(grant ? "accept" : "cancel", grant ? "Yes" : "No");
        page = post(target, answer);
      } else {
        throw new IllegalStateException("unexpected form at " + page.uri() + " after " + visited);
      }
    }
    throw new IllegalStateException("too many steps: " + visited);
  }

  List<String> visited() {
    return visited;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return send(withCookies(HttpRequest.newBuilder(uri)).GET().build());
  }

  private HttpResponse<String> post(URI uri, Map<String, String> fields) throws Exception {
    String form = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(withCookies(HttpRequest.newBuilder(uri)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    visited.add(request.method() + " " + request.uri().getPath());
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";")[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder builder) {
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }
    return builder;
  }
}
