package io.matchstream.client;

import io.matchstream.app.AppConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Checks that the broker and the registry answer, with a message that says what to do when not. */
public final class Endpoints {
  private Endpoints() {}

  public static final class Unreachable extends RuntimeException {
    public Unreachable(String message) {
      super(message);
    }
  }

  /** The broker and the registry of {@code settings}, the two every client of the stack needs. */
  public static void requireStack(AppConfig settings) {
    requireBroker(settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), settings.kafkaClient());
    requireRegistry(settings.get(AppConfig.REGISTRY_URL));
  }

  public static void requireBroker(String bootstrap) {
    requireBroker(bootstrap, Map.of());
  }

  /** The same, logging in with {@code client}'s settings (a SASL user, say): a refused login says so. */
  public static void requireBroker(String bootstrap, Map<String, Object> client) {
    // a closed port fails at once and quietly, before the admin client retries and logs
    String first = bootstrap.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 3000);
    } catch (IOException | RuntimeException e) {
      throw new Unreachable("no Kafka broker answers at " + bootstrap + " (start the stack with ./matchstream up)");
    }
    Map<String, Object> settings = new java.util.HashMap<>(client);
    settings.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    try (Admin admin = Admin.create(settings)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).clusterId().get(6, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while reaching the broker");
    } catch (Exception e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException refused) {
        throw new Unreachable("the Kafka broker at " + bootstrap + " refused the login: " + refused.getMessage()
            + " (./matchstream up keeps each user's client settings in <data>/kafka/clients/: --config)");
      }
      throw new Unreachable("no Kafka broker answers at " + bootstrap + " (start the stack with ./matchstream up)");
    }
  }

  /** {@code registryUrl} is the serdes' URL, {@code http://host:port/apis/registry/v2}. */
  public static void requireRegistry(String registryUrl) {
    URI info = URI.create(registryUrl.replaceAll("/+$", "") + "/system/info");
    try {
      HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
          .send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() != 200) {
        throw new Unreachable("the schema registry at " + registryUrl + " answers " + answer.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while reaching the registry");
    } catch (IOException | IllegalArgumentException e) {
      throw new Unreachable("no schema registry answers at " + registryUrl + " (start the stack with ./matchstream up)");
    }
  }
}
