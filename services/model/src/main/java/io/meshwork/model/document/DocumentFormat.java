package io.meshwork.model.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The two wire formats of Meshwork's standard documents (ODPS, ODCS). Both map to the same
 * Jackson tree, so a document read as YAML and written as JSON (or back) keeps every field,
 * including those Meshwork does not model.
 */
public enum DocumentFormat {
  JSON("application/json", JsonMapper.builder().build()),
  YAML(
      "application/yaml",
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build()));

  private final String mediaType;
  private final ObjectMapper mapper;

  DocumentFormat(String mediaType, ObjectMapper mapper) {
    this.mediaType = mediaType;
    this.mapper = mapper;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * Picks the format named by a Content-Type or Accept value: YAML for application/yaml,
   * application/x-yaml, text/yaml (with or without parameters), JSON otherwise.
   */
  public static DocumentFormat fromMediaType(String mediaType) {
    if (mediaType == null) {
      return JSON;
    }
    String type = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.endsWith("/yaml") || type.endsWith("/x-yaml") ? YAML : JSON;
  }

  /** Parses a document; syntax errors become an {@link InvalidException} that says where. */
  public JsonNode read(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidException("The request body is empty", List.of(new Violation("", "a document is required")));
    }
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidException("The request body is empty", List.of(new Violation("", "a document is required")));
      }
      return tree;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String reason = "not valid " + name() + where + ": " + e.getOriginalMessage();
      throw new InvalidException("The document could not be parsed", List.of(new Violation("", reason)));
    } catch (IOException e) {
      throw new InvalidException("The document could not be read", List.of(new Violation("", "unreadable body")));
    }
  }

  public String write(JsonNode document) {
    try {
      return mapper.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // a tree built by Jackson always serializes; reaching this is a bug, not bad input
      throw new IllegalStateException("cannot serialize document", e);
    }
  }
}
