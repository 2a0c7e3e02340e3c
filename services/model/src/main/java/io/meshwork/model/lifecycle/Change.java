package io.meshwork.model.lifecycle;

import java.util.Map;

/**
 * One difference between two revisions of a contract or product, in words. {@code element} is the schema
 * path it concerns ({@code order_lines.email}), or the document section ({@code slaProperties}, {@code outputPorts}).
 * A breaking change is one that can break an existing consumer or producer of the data.
 */
public record Change(String element, String description, boolean breaking) {

  /** As problem+json extension members and API bodies carry it. */
  public Map<String, Object> toMap() {
    return Map.of("element", element, "description", description, "breaking", breaking);
  }
}
