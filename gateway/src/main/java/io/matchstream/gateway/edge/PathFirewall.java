package io.matchstream.gateway.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (400) a request whose path is not already in its one plain form: path parameters
 * ({@code ;}), {@code .} or {@code ..} segments, empty segments ({@code //}), back slashes,
 * percent-encoding or anything outside printable ASCII. The servlet container and Spring would
 * each normalize such a path their own way, so a filter that matched the raw path (the rate
 * limits, the signature check, the admin port's split) could see a different path than the
 * controller that answers it. No path of the API needs any of these.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PathFirewall extends OncePerRequestFilter {
  private static final Pattern PLAIN = Pattern.compile("(/[A-Za-z0-9_\\-.~@:!$&'()*+,=]+)*/?");
  private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isPlain(request.getRequestURI())) {
      response.setStatus(400);
      response.setContentType("application/json");
      response.getWriter().write("{\"code\":-1000,\"msg\":\"The request path must be plain: no ';', '.' or '..' "
          + "segments, '//', '\\\\' or percent-encoding.\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /** True when the raw path is its own normal form. */
  static boolean isPlain(String path) {
    return path != null && path.startsWith("/") && PLAIN.matcher(path).matches() && !DOT_SEGMENT.matcher(path).find();
  }
}
