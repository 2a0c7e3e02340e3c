package io.meshwork.model.error;

import java.util.Objects;

/**
 * One reason a document is invalid, located by a JSON pointer (RFC 6901) into the submitted
 * document, so that a client or the portal can show the error at its field.
 */
public record Violation(String pointer, String reason) {

  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(reason, "reason");
  }
}
