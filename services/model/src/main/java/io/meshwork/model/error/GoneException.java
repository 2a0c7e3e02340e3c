package io.meshwork.model.error;

/**
 * The thing asked for existed but was removed on purpose and will not come back — e.g. a batch
 * that retention retired. Unlike {@link NotFoundException}, retrying or correcting the id does not help.
 */
public final class GoneException extends MeshworkException {

  public GoneException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 410;
  }

  @Override
  public String title() {
    return "Gone";
  }
}
