package io.meshwork.model.error;

/** The request conflicts with the current state. */
public final class ConflictException extends MeshworkException {

  public ConflictException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
