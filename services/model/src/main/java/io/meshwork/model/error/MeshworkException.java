package io.meshwork.model.error;

import java.util.Map;

/**
 * The one error model of Meshwork. Domain code fails with one of these; the HTTP edge turns each
 * kind into a problem+json response. The message is meant for the client: never put internals in it.
 */
public abstract sealed class MeshworkException extends RuntimeException
    permits InvalidException, NotFoundException, GoneException, ConflictException, ForbiddenException,
        UnauthorizedException, UnavailableException, UnprocessableException {

  protected MeshworkException(String message) {
    super(message, null, false, false);
  }

  /** HTTP status this kind of failure maps to. */
  public abstract int status();

  /** Short, stable, human-readable summary of the kind (problem+json {@code title}). */
  public abstract String title();

  /**
   * RFC 9457 extension members: data a client acts on beyond the message, e.g. the list of
   * breaking changes that made an update conflict. Values are strings, numbers, booleans, lists
   * and maps of those.
   */
  public Map<String, Object> extensions() {
    return Map.of();
  }
}
