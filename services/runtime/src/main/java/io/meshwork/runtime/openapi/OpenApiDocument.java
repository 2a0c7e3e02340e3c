package io.meshwork.runtime.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Assembles the node's OpenAPI 3.1 document from the fragments each service ships next to its
 * routes ({@code paths} and {@code components.schemas}), so a service documents its own API and
 * the node serves one document for all of them.
 */
public final class OpenApiDocument {

  private OpenApiDocument() {}

  public static JsonObject assemble(String title, String version, List<String> fragmentResources) {
    JsonObject document = read("openapi/base.json");
    document.getJsonObject("info").put("title", title).put("version", version);
    JsonObject paths = document.getJsonObject("paths");
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    for (String resource : fragmentResources) {
      JsonObject fragment = read(resource);
      fragment.getJsonObject("paths", new JsonObject()).forEach(e -> paths.put(e.getKey(), e.getValue()));
      fragment.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject())
          .forEach(e -> schemas.put(e.getKey(), e.getValue()));
    }
    return document;
  }

  private static JsonObject read(String resource) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing OpenAPI fragment " + resource);
      }
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
