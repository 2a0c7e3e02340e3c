package io.meshwork.node;

/**
 * The smallest product a domain accepts: a draft with one output port and no contract. Tests
 * register it to find out whether someone may write in a domain, not to describe data.
 */
final class DraftProduct {

  private DraftProduct() {}

  /** The ODPS YAML of draft product {@code id} in {@code domain}; {@code name} says who registers it. */
  static String yaml(String id, String domain, String name) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: %s
        status: draft
        domain: %s
        outputPorts:
          - name: rows
            type: tables
            version: 1.0.0
        """.formatted(id, name, domain);
  }
}
