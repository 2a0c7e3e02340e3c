package io.meshwork.cli;

/** A failure the user can act on, with the message to print and the exit code to end with. */
final class CliException extends RuntimeException {

  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
