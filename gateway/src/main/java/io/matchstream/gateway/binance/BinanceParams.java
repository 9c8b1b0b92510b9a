package io.matchstream.gateway.binance;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's parameters as Binance takes them: from the query string and from an
 * {@code application/x-www-form-urlencoded} body, the query's value winning when both carry one
 * (ccxt signs POSTs in the body, the official connector everything in the query). An empty value
 * counts as not sent. Each getter refuses a malformed value with Binance's code and message.
 */
public final class BinanceParams {
  // Binance's forms of a decimal and an integer, quoted in its -1100 messages
  static final String DECIMAL = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
  static final String INTEGER = "^[0-9]{1,20}$";
  private static final Pattern DECIMAL_FORM = Pattern.compile(DECIMAL);
  private static final Pattern INTEGER_FORM = Pattern.compile("[0-9]{1,18}");

  /** The signing's own parameters: the filter reads them. */
  private static final Set<String> SIGNING = Set.of("timestamp", "recvWindow", "signature");

  private final Map<String, String> values;
  /** The names read so far, as sent: a renamed copy shares its original's. */
  private final Set<String> read;
  /** A renamed copy's names, each to the name it was sent under. */
  private final Map<String, String> sentAs;

  private BinanceParams(Map<String, String> values, Set<String> read, Map<String, String> sentAs) {
    this.values = values;
    this.read = read;
    this.sentAs = sentAs;
  }

  /** The parameters of a query string and a form body (either may be null); -1101 on a name twice in one of them. */
  public static BinanceParams parse(String query, String formBody) {
    Map<String, String> fromBody = pairs(formBody);
    Map<String, String> values = new LinkedHashMap<>(fromBody);
    values.putAll(pairs(query));
    return new BinanceParams(values, new HashSet<>(), Map.of());
  }

  private static Map<String, String> pairs(String encoded) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return pairs;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BinanceError(400, -1100, "Illegal characters found in a parameter: bad percent-encoding.");
      }
      if (pairs.putIfAbsent(name, value) != null) {
        throw new BinanceError(400, -1101, "Duplicate values for parameter '" + name + "'.");
      }
    }
    return pairs;
  }

  /**
   * These parameters with some under other names ({@code renames}: from, to), the others as they
   * are: cancel-replace names its cancel's parameters {@code cancelOrderId} and the like.
   */
  public BinanceParams renamed(Map<String, String> renames) {
    Map<String, String> renamed = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (!renames.containsValue(name)) {
        renamed.put(name, value);
      }
    });
    Map<String, String> sentAs = new HashMap<>();
    renames.forEach((from, to) -> {
      if (values.containsKey(from)) {
        renamed.put(to, values.get(from));
        sentAs.put(to, from);
      }
    });
    return new BinanceParams(renamed, read, sentAs);
  }

  public Optional<String> optional(String name) {
    read.add(sentAs.getOrDefault(name, name));
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public boolean has(String name) {
    return optional(name).isPresent();
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> BinanceError.mandatory(name));
  }

  /** A decimal in Binance's form (digits, an optional point and digits: no sign, no exponent), or empty. */
  public Optional<BigDecimal> decimal(String name) {
    return optional(name).map(value -> {
      if (!DECIMAL_FORM.matcher(value).matches()) {
        throw BinanceError.illegal(name, DECIMAL);
      }
      return new BigDecimal(value);
    });
  }

  public BigDecimal requiredDecimal(String name) {
    return decimal(name).orElseThrow(() -> BinanceError.mandatory(name));
  }

  /** A non-negative integer (ids, times in ms, limits), or empty. */
  public Optional<Long> integer(String name) {
    return optional(name).map(value -> {
      if (!INTEGER_FORM.matcher(value).matches()) {
        throw BinanceError.illegal(name, INTEGER);
      }
      return Long.parseLong(value);
    });
  }

  /** {@code limit}, at most {@code max} (a larger one is taken as the maximum, as Binance's depth does). */
  public int limit(int defaultLimit, int max) {
    long limit = integer("limit").orElse((long) defaultLimit);
    if (limit < 1) {
      throw BinanceError.illegal("limit", "1-" + max);
    }
    return (int) Math.min(limit, max);
  }

  /** One of {@code allowed}, or empty; another value is refused with {@code code} and {@code message}. */
  public Optional<String> oneOf(String name, List<String> allowed, int code, String message) {
    return optional(name).map(value -> {
      if (!allowed.contains(value)) {
        throw new BinanceError(400, code, message);
      }
      return value;
    });
  }

  /**
   * At most {@code limit} of {@code items} (oldest first): the first ones when the request set where
   * to start (an id or a start time), else the latest, as Binance pages its lists.
   */
  public static <T> List<T> page(List<T> items, int limit, boolean fromStart) {
    if (items.size() <= limit) {
      return items;
    }
    return fromStart ? items.subList(0, limit) : items.subList(items.size() - limit, items.size());
  }

  /**
   * Refuses, with Binance's -1104, a request that sent a parameter nothing read: a misspelled
   * {@code stopPrice} or {@code icebergQty} must not place a plain order. Called by the requests
   * that change something, before they do.
   */
  public void requireAllRead() {
    List<String> unread = values.keySet().stream().filter(name -> !SIGNING.contains(name))
        .filter(name -> !read.contains(sentAs.getOrDefault(name, name))).toList();
    if (!unread.isEmpty()) {
      long sent = values.keySet().stream().filter(name -> !SIGNING.contains(name)).count();
      throw new BinanceError(400, -1104, "Not all sent parameters were read; read '" + (sent - unread.size())
          + "' parameter(s) but was sent '" + sent + "'. Not read: " + String.join(", ", unread) + ".");
    }
  }

  /** Refuses {@code name} when sent: -1106. */
  public void absent(String name) {
    if (has(name)) {
      throw BinanceError.notRequired(name);
    }
  }
}
