package io.matchstream.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The app's settings: the bundled defaults, then a properties file, then environment variables
 * {@code MATCHSTREAM_<KEY>}, so one image runs everywhere and a deployment changes only its environment.
 */
public final class AppConfig {
  public static final String ENV_PREFIX = "MATCHSTREAM_";
  public static final String PARTITIONS = "app.partitions";
  public static final String REPLICATION_FACTOR = "app.replication.factor";
  public static final String HEALTH_PORT = "app.health.port";
  public static final String HEALTH_HOST = "app.health.host";
  public static final String REGISTRY_URL = "apicurio.registry.url";
  public static final String HALT_AFTER_ATTEMPTS = "app.halt.after.attempts";
  public static final String RISK_OBJECT_LIMIT = "app.risk.object.limit";
  public static final String TEST_FAULT_PROBABILITY = "app.test.fault.probability";
  public static final String CACHED_STORES = "app.cached.stores";

  private final Properties properties;

  private AppConfig(Properties properties) {
    this.properties = properties;
  }

  public static AppConfig load(Path file, Map<String, String> env) {
    Properties props = new Properties();
    try (InputStream defaults = AppConfig.class.getResourceAsStream("/matchstream-app.properties")) {
      props.load(defaults);
      if (file != null) {
        try (Reader reader = Files.newBufferedReader(file)) {
          props.load(reader);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration " + file + ": " + e.getMessage(), e);
    }
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
        props.setProperty(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return new AppConfig(props);
  }

  public String get(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing setting " + key);
    }
    return value.trim();
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " is not a whole number: " + properties.getProperty(key));
    }
  }

  /** A comma-separated setting's items; none when it is blank. */
  public List<String> getList(String key) {
    String value = properties.getProperty(key, "");
    return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
  }

  public double getDouble(String key) {
    try {
      return Double.parseDouble(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " is not a number: " + properties.getProperty(key));
    }
  }

  /** Every setting, for the Kafka clients and serdes: each takes the keys it knows. */
  public Map<String, Object> all() {
    Map<String, Object> all = new HashMap<>();
    properties.forEach((key, value) -> all.put((String) key, ((String) value).trim()));
    return all;
  }

  /**
   * What every Kafka client of these settings needs to reach the broker: {@code bootstrap.servers}
   * and the security settings ({@code security.*}, {@code sasl.*}, {@code ssl.*}: a SASL login, say).
   */
  public Map<String, Object> kafkaClient() {
    Map<String, Object> client = new HashMap<>();
    properties.forEach((key, value) -> {
      String name = (String) key;
      if (name.equals("bootstrap.servers") || name.startsWith("security.") || name.startsWith("sasl.")
          || name.startsWith("ssl.")) {
        client.put(name, ((String) value).trim());
      }
    });
    return client;
  }

  /** These settings with {@code overrides} over them (Kafka client settings for one principal, say). */
  public AppConfig with(Map<String, String> overrides) {
    Properties props = new Properties();
    props.putAll(properties);
    props.putAll(overrides);
    return new AppConfig(props);
  }

  /** The settings Kafka Streams knows, without the app's and the registry's own. */
  public Properties streams() {
    Properties streams = new Properties();
    properties.forEach((key, value) -> {
      String name = (String) key;
      if (!name.startsWith("app.") && !name.startsWith("apicurio.")) {
        streams.put(name, ((String) value).trim());
      }
    });
    return streams;
  }
}
