package io.meshwork.model.error;

/**
 * The request is well-formed but cannot be acted on because of something outside it — e.g. an
 * identity provider's discovery URL that cannot be reached or does not describe a provider. The
 * message says why, for the client.
 */
public final class UnprocessableException extends MeshworkException {

  public UnprocessableException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String title() {
    return "Unprocessable content";
  }
}
