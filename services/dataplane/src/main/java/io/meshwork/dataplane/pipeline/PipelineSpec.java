package io.meshwork.dataplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.dataplane.ingest.SourceFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A product's ingestion pipeline: the sources it pulls from. Each source feeds one output port,
 * from an HTTP(S) URL or a file path, in one format, on a cron schedule or on demand only, with
 * optional credentials for the URL. Parsed and validated here, once; afterwards it is trusted.
 *
 * <pre>
 * sources:
 *   - name: nightly-orders
 *     port: order_lines
 *     format: csv
 *     url: https://erp.example.com/exports/orders.csv     # or path: /srv/meshwork/inbox/orders.csv
 *     schedule: "0 2 * * *"                              # optional: without it, on demand only
 *     credentials: {type: bearer, token: "…"}             # or {type: basic, username: …, password: …}
 * </pre>
 */
public record PipelineSpec(List<Source> sources) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> SOURCE_FIELDS = Set.of("name", "port", "format", "url", "path", "schedule", "credentials", "description");

  public PipelineSpec {
    sources = List.copyOf(sources);
  }

  /** Credentials as sent; {@code keep} means "the ones stored for this source" (what a GET shows as "set"). */
  public record Credentials(String type, String token, String username, String password, boolean keep) {

    public static final Credentials KEEP = new Credentials(null, null, null, null, true);

    /** The Authorization header value. */
    public String authorization() {
      return switch (type) {
        case "bearer" -> "Bearer " + token;
        case "basic" -> "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + password)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        default -> throw new IllegalStateException("unknown credential type");
      };
    }

    public JsonObject toJson() {
      return new JsonObject().put("type", type).put("token", token).put("username", username).put("password", password);
    }

    public static Credentials fromJson(JsonObject json) {
      return new Credentials(json.getString("type"), json.getString("token"), json.getString("username"), json.getString("password"), false);
    }
  }

  public record Source(String name, String port, SourceFormat format, URI url, Path path, Cron schedule, Credentials credentials, String description) {

    /** Where the data comes from, as shown and registered: never credentials. */
    public String location() {
      return url != null ? url.toString() : path.toString();
    }

    public JsonObject toJson(boolean credentialsStored) {
      JsonObject json = new JsonObject().put("name", name).put("port", port).put("format", format.wireName());
      if (url != null) {
        json.put("url", url.toString());
      } else {
        json.put("path", path.toString());
      }
      if (schedule != null) {
        json.put("schedule", schedule.text());
      }
      if (credentialsStored) {
        json.put("credentials", "set");
      }
      if (description != null) {
        json.put("description", description);
      }
      return json;
    }
  }

  public Source source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  public static PipelineSpec from(JsonNode root) {
    List<Violation> violations = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    if (!root.isObject()) {
      throw new InvalidException("The pipeline is invalid", List.of(new Violation("", "must be an object with sources")));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("sources") && !field.equals("description")) {
        violations.add(new Violation("/" + field, "unknown field"));
      }
    }
    JsonNode list = root.path("sources");
    if (!list.isArray() || list.isEmpty()) {
      violations.add(new Violation("/sources", "must be a non-empty list of sources"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Source source = source(list.get(i), "/sources/" + i, violations);
      if (source != null && !names.add(source.name())) {
        violations.add(new Violation("/sources/" + i + "/name", "duplicate source name '" + source.name() + "'"));
      }
      if (source != null) {
        sources.add(source);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The pipeline is invalid", violations);
    }
    return new PipelineSpec(sources);
  }

  private static Source source(JsonNode s, String at, List<Violation> violations) {
    int before = violations.size();
    if (!s.isObject()) {
      violations.add(new Violation(at, "must be an object"));
      return null;
    }
    s.fieldNames().forEachRemaining(f -> {
      if (!SOURCE_FIELDS.contains(f)) {
        violations.add(new Violation(at + "/" + f, "unknown field"));
      }
    });
    String name = text(s, "name");
    if (name == null || !NAME.matcher(name).matches()) {
      violations.add(new Violation(at + "/name", "is required: 1-64 of a-z, 0-9, '-', '_'"));
    }
    String port = text(s, "port");
    if (port == null) {
      violations.add(new Violation(at + "/port", "is required: the output port the source feeds"));
    }
    SourceFormat format = SourceFormat.fromName(text(s, "format")).orElse(null);
    if (format == null) {
      violations.add(new Violation(at + "/format", "is required: csv, ndjson, json or parquet"));
    }
    String url = text(s, "url");
    String path = text(s, "path");
    URI uri = null;
    Path file = null;
    if ((url == null) == (path == null)) {
      violations.add(new Violation(at, "needs exactly one of url and path"));
    } else if (url != null) {
      try {
        uri = URI.create(url);
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
          violations.add(new Violation(at + "/url", "must be an http:// or https:// URL"));
        } else if (uri.getUserInfo() != null) {
          violations.add(new Violation(at + "/url", "must not carry credentials: put them in credentials, where they are stored encrypted"));
        }
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(at + "/url", "is not a valid URL"));
      }
    } else {
      file = Path.of(path);
      if (!file.isAbsolute()) {
        violations.add(new Violation(at + "/path", "must be an absolute path"));
      }
    }
    Cron schedule = null;
    String cron = text(s, "schedule");
    if (cron != null) {
      try {
        schedule = Cron.parse(cron);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(at + "/schedule", e.getMessage()));
      }
    }
    Credentials credentials = credentials(s.get("credentials"), at + "/credentials", violations);
    if (credentials != null && url == null) {
      violations.add(new Violation(at + "/credentials", "only a url source takes credentials"));
    }
    if (violations.size() > before) {
      return null;
    }
    return new Source(name, port, format, uri, file == null ? null : file.normalize(), schedule, credentials, text(s, "description"));
  }

  private static Credentials credentials(JsonNode c, String at, List<Violation> violations) {
    if (c == null || c.isNull()) {
      return null;
    }
    if (c.isTextual() && c.asText().equals("set")) {
      return Credentials.KEEP;
    }
    if (!c.isObject()) {
      violations.add(new Violation(at, "must be {type: bearer, token} or {type: basic, username, password}, or \"set\" to keep the stored ones"));
      return null;
    }
    String type = text(c, "type");
    if ("bearer".equals(type)) {
      if (text(c, "token") == null) {
        violations.add(new Violation(at + "/token", "is required for bearer credentials"));
        return null;
      }
      return new Credentials("bearer", text(c, "token"), null, null, false);
    }
    if ("basic".equals(type)) {
      if (text(c, "username") == null || text(c, "password") == null) {
        violations.add(new Violation(at, "basic credentials need username and password"));
        return null;
      }
      return new Credentials("basic", null, text(c, "username"), text(c, "password"), false);
    }
    violations.add(new Violation(at + "/type", "must be bearer or basic"));
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
  }

  /** The spec as stored and shown: credentials only as "set". */
  public JsonObject toJson(Set<String> withCredentials) {
    JsonArray list = new JsonArray();
    sources.forEach(s -> list.add(s.toJson(withCredentials.contains(s.name()))));
    return new JsonObject().put("sources", list);
  }
}
