package io.matchstream.codec;

/** A JSON line that cannot be read as the record it claims to be. */
public final class MalformedLineException extends RuntimeException {
  private final String command;

  public MalformedLineException(String command, String detail) {
    super(detail, null, false, false);
    this.command = command;
  }

  /** The line's {@code type}, or null when it had none that is a string. */
  public String command() {
    return command;
  }
}
