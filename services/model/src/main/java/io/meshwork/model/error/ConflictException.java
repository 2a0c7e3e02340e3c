package io.meshwork.model.error;

import java.util.Map;

/** The request conflicts with the current state. */
public final class ConflictException extends MeshworkException {

  private final Map<String, Object> extensions;

  public ConflictException(String message) {
    this(message, Map.of());
  }

  /** A conflict that tells the client more, e.g. {@code breakingChanges: [...]}. */
  public ConflictException(String message, Map<String, Object> extensions) {
    super(message);
    this.extensions = Map.copyOf(extensions);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String title() {
    return "Conflict";
  }

  @Override
  public Map<String, Object> extensions() {
    return extensions;
  }
}
