package io.matchstream.gateway.admin;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.binance.BinanceRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API's own port: a second Tomcat connector on {@code admin-port} and {@code
 * admin-address} (127.0.0.1 unless set), and the split between the two: the admin port answers
 * only {@code /admin/} ({@link BinanceRequestFilter#ADMIN_PREFIX}) and the metrics ({@value #METRICS}:
 * what the exchange does is no one's business outside it), the public port everything else (404
 * either way, as for a path that does not exist). The split goes by the port the connection came in on, which no header
 * can change; the admin keys work on the admin API only ({@link BinanceRequestFilter}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class AdminPort extends OncePerRequestFilter implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  public static final String METRICS = "/actuator/prometheus";
  private final GatewaySettings settings;
  private volatile Connector connector;

  public AdminPort(GatewaySettings settings) {
    this.settings = settings;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (settings.adminPort() < 0) {
      return;
    }
    Connector admin = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    admin.setPort(settings.adminPort());
    admin.setProperty("address", settings.adminAddress());
    factory.addAdditionalTomcatConnectors(admin);
    connector = admin;
  }

  /** The port the admin API listens on (the one bound when {@code admin-port} is 0), or -1. */
  public int port() {
    Connector admin = connector;
    return admin == null ? -1 : admin.getLocalPort();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean onAdminPort = connector != null && request.getLocalPort() == port();
    String path = request.getRequestURI();
    boolean adminPath = path.startsWith("/admin/") || path.equals("/admin") || path.equals(METRICS);
    if (onAdminPort != adminPath) {
      response.setStatus(404);
      response.setContentType("application/json");
      response.getWriter().write("{\"code\":404,\"msg\":\"Not found.\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
