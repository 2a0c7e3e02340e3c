package io.meshwork.model.error;

/** The caller is authenticated but not allowed to do this. */
public final class ForbiddenException extends MeshworkException {

  public ForbiddenException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
