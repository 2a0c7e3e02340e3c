package io.meshwork.model.error;

import java.util.List;

/** The input is invalid; carries every violation found, not just the first. */
public final class InvalidException extends MeshworkException {

  private final List<Violation> violations;

  public InvalidException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  public InvalidException(String message) {
    this(message, List.of());
  }

  public List<Violation> violations() {
    return violations;
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public String title() {
    return "Invalid input";
  }
}
