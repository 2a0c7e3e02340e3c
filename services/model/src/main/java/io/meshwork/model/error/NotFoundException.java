package io.meshwork.model.error;

/** The thing asked for does not exist. */
public final class NotFoundException extends MeshworkException {

  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String title() {
    return "Not found";
  }
}
