package io.meshwork.catalog.webhook;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A webhook subscription: where to POST the mesh's CloudEvents, which types, and the secret their
 * HMAC signature is made with. The secret is stored to sign with and shown only once, when the
 * subscription is created.
 *
 * @param types event types (io.meshwork.dataproduct.registered) or prefixes ending in '*' (io.meshwork.contract.*, *)
 */
public record Subscription(String id, String url, List<String> types, String secret, String owner, Instant createdAt) {

  private static final Set<String> FIELDS = Set.of("url", "types", "secret");
  private static final Pattern TYPE = Pattern.compile("\\*|[A-Za-z0-9.-]{1,200}(\\.\\*)?");
  private static final int MIN_SECRET = 16;
  private static final int MAX_SECRET = 200;
  private static final int MAX_URL = 2000;
  private static final SecureRandom RANDOM = new SecureRandom();

  public Subscription {
    types = List.copyOf(types);
  }

  /**
   * A new subscription from a request body, every problem reported at once. Only absolute http
   * and https URLs with a host and no credentials are accepted: the node calls them, so nothing
   * else (file:, jar:, gopher:…) may reach its URL handling.
   */
  static Subscription create(JsonObject body, String owner) {
    List<Violation> violations = new ArrayList<>();
    body.fieldNames().stream().filter(f -> !FIELDS.contains(f)).sorted()
        .forEach(f -> violations.add(new Violation("/" + f, "is not a field of a webhook subscription (url, types, secret)")));
    String url = body.getValue("url") instanceof String s ? s.trim() : null;
    if (url == null || !isCallable(url)) {
      violations.add(new Violation("/url", "must be an absolute http or https URL with a host and no user info, at most " + MAX_URL + " characters"));
    }
    List<String> types = new ArrayList<>();
    if (!(body.getValue("types") instanceof JsonArray array) || array.isEmpty()) {
      violations.add(new Violation("/types", "must list at least one event type, e.g. io.meshwork.dataproduct.registered, io.meshwork.contract.* or *"));
    } else {
      Set<String> distinct = new LinkedHashSet<>();
      for (int i = 0; i < array.size(); i++) {
        if (array.getValue(i) instanceof String type && TYPE.matcher(type).matches()) {
          distinct.add(type);
        } else {
          violations.add(new Violation("/types/" + i, "must be an event type, or a prefix ending in '.*', or '*'"));
        }
      }
      types.addAll(distinct);
    }
    Object secretValue = body.getValue("secret");
    String secret;
    if (secretValue == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } else if (secretValue instanceof String s && s.length() >= MIN_SECRET && s.length() <= MAX_SECRET) {
      secret = s;
    } else {
      secret = null;
      violations.add(new Violation("/secret", "must be a string of " + MIN_SECRET + " to " + MAX_SECRET + " characters (or leave it out and one is generated)"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The webhook subscription is invalid", violations);
    }
    return new Subscription(UUID.randomUUID().toString(), url, types, secret, owner, Instant.now());
  }

  boolean wants(String eventType) {
    for (String type : types) {
      if (type.equals("*") || type.equals(eventType) || (type.endsWith(".*") && eventType.startsWith(type.substring(0, type.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** The subscription as the API shows it: never the secret. */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("url", url).put("types", new JsonArray(types)).put("owner", owner)
        .put("createdAt", createdAt.toString());
  }

  private static boolean isCallable(String url) {
    if (url.length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
