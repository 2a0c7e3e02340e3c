package io.meshwork.model.error;

/** A dependency needed to answer is not available right now. */
public final class UnavailableException extends MeshworkException {

  public UnavailableException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 503;
  }

  @Override
  public String title() {
    return "Service unavailable";
  }
}
