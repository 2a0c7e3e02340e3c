package io.meshwork.model.error;

/** No valid bearer token was presented. */
public final class UnauthorizedException extends MeshworkException {

  public UnauthorizedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 401;
  }

  @Override
  public String title() {
    return "Unauthorized";
  }
}
