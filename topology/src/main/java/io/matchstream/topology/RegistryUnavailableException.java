package io.matchstream.topology;

/**
 * The schema registry did not answer while a record was decoded (down, unreachable, failing). The
 * record may be perfectly good, so a stage treats this as an internal error to retry, never as
 * an undecodable input to dead-letter.
 */
public final class RegistryUnavailableException extends RuntimeException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
