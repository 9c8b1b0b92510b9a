package io.matchstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The local stack's API keys: the demo user's and an admin's, made at random on the first
 * {@code up} on a data folder and kept in it, so that a page or a script that has them keeps
 * working across restarts. Never hard-coded: each folder has its own.
 */
public record DemoKeys(String demoKey, String demoSecret, String adminKey, String adminSecret) {
  public static final String DEMO_USER = "demo";

  public static DemoKeys load(Path file) throws IOException {
    Properties keys = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        keys.load(in);
      }
    } else {
      SecureRandom random = new SecureRandom();
      for (String name : new String[] {"demo.key", "demo.secret", "admin.key", "admin.secret"}) {
        byte[] bytes = new byte[name.endsWith("key") ? 12 : 24];
        random.nextBytes(bytes);
        keys.setProperty(name, HexFormat.of().formatHex(bytes));
      }
      ChildProcess.writeConfig(keys, file);
    }
    return new DemoKeys(keys.getProperty("demo.key"), keys.getProperty("demo.secret"), keys.getProperty("admin.key"),
        keys.getProperty("admin.secret"));
  }

  /**
   * What {@code up} sends before the gateway starts, on an exchange that has no reference data yet
   * (a new data folder): the demo market (the sample files' BTC-USDT, defined the same) and the
   * demo user's funds. Later starts send nothing, so a market a user has redefined stays theirs.
   */
  public static String demoCommands(long now) {
    return String.join("\n",
        "{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}",
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"lotSize\":\"0.0001\",\"minNotional\":\"10\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\","
            + "\"status\":\"TRADING\"}",
        "{\"type\":\"deposit\",\"userId\":\"" + DEMO_USER + "\",\"asset\":\"BTC\",\"amount\":\"10\","
            + "\"txId\":\"demo-funds-btc\",\"ts\":" + now + "}",
        "{\"type\":\"deposit\",\"userId\":\"" + DEMO_USER + "\",\"asset\":\"USDT\",\"amount\":\"1000000\","
            + "\"txId\":\"demo-funds-usdt\",\"ts\":" + now + "}") + "\n";
  }
}
