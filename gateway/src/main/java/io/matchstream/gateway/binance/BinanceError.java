package io.matchstream.gateway.binance;

/**
 * A request Binance's API refuses, as Binance answers it: an HTTP status and a body
 * {@code {"code": <negative code>, "msg": ...}} with Binance's codes and messages, which the
 * clients map to their own exceptions (ccxt: -2010 InsufficientFunds or InvalidOrder, -1121
 * BadSymbol, -2013 OrderNotFound, -1022 AuthenticationError, ...).
 */
public class BinanceError extends RuntimeException {
  private final int status;
  private final int code;

  public BinanceError(int status, int code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** The JSON body Binance answers with. */
  public String body() {
    return "{\"code\":" + code + ",\"msg\":\"" + getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  public static BinanceError mandatory(String parameter) {
    return new BinanceError(400, -1102,
        "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
  }

  public static BinanceError illegal(String parameter, String legalRange) {
    return new BinanceError(400, -1100,
        "Illegal characters found in parameter '" + parameter + "'; legal range is '" + legalRange + "'.");
  }

  public static BinanceError notRequired(String parameter) {
    return new BinanceError(400, -1106, "Parameter '" + parameter + "' sent when not required.");
  }

  public static BinanceError invalid(String parameter) {
    return new BinanceError(400, -1130, "Data sent for parameter '" + parameter + "' is not valid.");
  }

  public static BinanceError badSymbol() {
    return new BinanceError(400, -1121, "Invalid symbol.");
  }

  public static BinanceError filter(String filter) {
    return new BinanceError(400, -1013, "Filter failure: " + filter);
  }

  public static BinanceError orderRejected(String message) {
    return new BinanceError(400, -2010, message);
  }

  public static BinanceError unknownOrder() {
    return new BinanceError(400, -2011, "Unknown order sent.");
  }

  public static BinanceError noSuchOrder() {
    return new BinanceError(400, -2013, "Order does not exist.");
  }
}
