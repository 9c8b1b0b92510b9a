package io.matchstream.gateway.limits;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.binance.BinanceError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body must arrive whole within {@code body-timeout-ms} (10 s) of its headers. Tomcat's
 * {@code connection-timeout} bounds each wait for the next bytes; this bounds the sum, so a body
 * that trickles in (a byte every few seconds: slowloris) holds a servlet thread for that long at
 * most. Past it the read fails with 408 {@code -1000} (Binance's error, written by the filter that
 * reads the body). When Tomcat's own read timeout fires first (no byte for {@code connection-timeout}),
 * Tomcat answers 408 itself (in Spring's error form) and closes the connection. Requests without a body are passed through
 * untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class BodyTimeoutFilter extends OncePerRequestFilter {
  private final long timeoutNanos;

  public BodyTimeoutFilter(GatewaySettings settings) {
    this.timeoutNanos = settings.bodyTimeoutMs() * 1_000_000;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/")
        || request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new Deadline(request, System.nanoTime() + timeoutNanos, timeoutNanos / 1_000_000), response);
  }

  private static final class Deadline extends HttpServletRequestWrapper {
    private final long deadline;
    private final long timeoutMs;
    private ServletInputStream stream;

    Deadline(HttpServletRequest request, long deadline, long timeoutMs) {
      super(request);
      this.deadline = deadline;
      this.timeoutMs = timeoutMs;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          @Override
          public int read() throws IOException {
            check();
            int b = guarded(in::read);
            check();
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            int n = guarded(() -> in.read(buffer, offset, length));
            check();
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    private interface Read {
      int read() throws IOException;
    }

    /**
     * A read that Tomcat's own timeout ended: Tomcat has already answered 408 and will close the
     * connection; the filter that reads the body is told the same refusal as past the deadline.
     */
    private int guarded(Read read) throws IOException {
      try {
        return read.read();
      } catch (IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
          if (cause instanceof java.net.SocketTimeoutException) {
            throw tooSlow();
          }
        }
        throw e;
      }
    }

    private void check() {
      if (System.nanoTime() > deadline) {
        throw tooSlow();
      }
    }

    private BinanceError tooSlow() {
      return new BinanceError(408, -1000, "The request body did not arrive within " + timeoutMs + " ms.");
    }
  }
}
