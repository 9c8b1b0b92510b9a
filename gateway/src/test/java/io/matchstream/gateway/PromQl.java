package io.matchstream.gateway;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series names a PromQL expression reads: what must exist for a dashboard panel or an alert to mean anything. */
final class PromQl {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> LANGUAGE = Set.of("sum", "min", "max", "avg", "count", "stddev", "topk",
      "bottomk", "quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
      "bool", "offset", "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs",
      "clamp_min", "clamp_max", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "changes",
      "resets", "vector", "scalar", "time", "label_replace", "absent");

  private PromQl() {}

  static Set<String> seriesNames(String expr) {
    // strings, label matchers, ranges and grouping labels name no series
    String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      boolean partOfNumber = m.start() > 0 && (Character.isDigit(bare.charAt(m.start() - 1))
          || bare.charAt(m.start() - 1) == '.');
      if (!LANGUAGE.contains(word) && !partOfNumber) {
        names.add(word);
      }
    }
    return names;
  }
}
