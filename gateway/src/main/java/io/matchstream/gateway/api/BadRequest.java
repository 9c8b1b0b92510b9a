package io.matchstream.gateway.api;

/** A request the gateway refuses before it becomes a command: answered 400 with the message. */
public class BadRequest extends RuntimeException {
  public BadRequest(String message) {
    super(message);
  }
}
