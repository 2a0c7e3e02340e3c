package io.meshwork.model.error;

/**
 * The one error model of Meshwork. Domain code fails with one of these; the HTTP edge turns each
 * kind into a problem+json response. The message is meant for the client: never put internals in it.
 */
public abstract sealed class MeshworkException extends RuntimeException
    permits InvalidException, NotFoundException, ConflictException, ForbiddenException,
        UnauthorizedException, UnavailableException {

  protected MeshworkException(String message) {
    super(message, null, false, false);
  }

  /** HTTP status this kind of failure maps to. */
  public abstract int status();

  /** Short, stable, human-readable summary of the kind (problem+json {@code title}). */
  public abstract String title();
}
