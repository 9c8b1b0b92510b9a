package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A MariaDB server (Debian's {@code mariadb-server}) with its data under {@code dir}, and the
 * database the sinks write into, with its tables from {@code connectors/sql}.
 */
public final class MariaDbNode {
  public static final String USER = "matchstream";
  public static final String PASSWORD = "matchstream";
  private static final List<Path> SERVER = List.of(Path.of("/usr/sbin/mariadbd"), Path.of("/usr/bin/mariadbd"));
  private static final List<Path> INSTALL_DB = List.of(Path.of("/usr/bin/mariadb-install-db"),
      Path.of("/usr/scripts/mariadb-install-db"));

  // apt-get needs root; mariadbd and mariadb-install-db refuse to run as root unless told to
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Layout layout;
  private final Path dir;
  private final int port;
  private ChildProcess process;

  public MariaDbNode(Layout layout, Path dir, int port) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
  }

  /** The JDBC URL of {@code database} on this server, for the sinks and for queries. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /**
   * Makes sure a server binary is there: when it is not, installs Debian's {@code mariadb-server}
   * with apt-get (as root), else says what to run. Reports through {@code progress} what it did.
   */
  public static void ensureInstalled(Consumer<String> progress) throws IOException, InterruptedException {
    if (find(SERVER) != null && find(INSTALL_DB) != null) {
      return;
    }
    if (!ROOT || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new IllegalStateException("no MariaDB server here (mariadbd): install Debian's mariadb-server "
          + "(sudo apt-get install -y mariadb-server) and run again");
    }
    progress.accept("no MariaDB server here: installing Debian's mariadb-server with apt-get (once)");
    Path log = Files.createTempFile("matchstream-apt", ".log");
    for (List<String> step : List.of(List.of("apt-get", "update", "-q"),
        List.of("apt-get", "install", "-y", "-q", "mariadb-server"))) {
      ChildProcess apt = ChildProcess.start("apt-get", step, Map.of("DEBIAN_FRONTEND", "noninteractive"), log);
      if (!apt.waitFor(900) || apt.exitValue() != 0) {
        throw new IllegalStateException("installing mariadb-server failed:\n" + apt.tail(20));
      }
    }
    if (find(SERVER) == null) {
      throw new IllegalStateException("apt-get installed mariadb-server but no mariadbd is in " + SERVER);
    }
  }

  private static Path find(List<Path> candidates) {
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  public void start(Duration timeout) throws IOException, InterruptedException {
    Path data = dir.resolve("data");
    if (!Files.exists(data.resolve("mysql"))) {
      Files.createDirectories(data);
      List<String> install = new ArrayList<>(List.of(find(INSTALL_DB).toString(), "--no-defaults",
          "--datadir=" + data.toAbsolutePath(), "--auth-root-authentication-method=normal", "--skip-test-db"));
      if (ROOT) {
        install.add("--user=root");
      }
      ChildProcess init = ChildProcess.start("mariadb-install-db", install, Map.of(), dir.resolve("install.log"));
      if (!init.waitFor(120) || init.exitValue() != 0) {
        throw new IllegalStateException("mariadb-install-db failed:\n" + init.tail(20));
      }
    }
    List<String> command = new ArrayList<>(List.of(find(SERVER).toString(), "--no-defaults",
        "--datadir=" + data.toAbsolutePath(), "--port=" + port, "--bind-address=127.0.0.1",
        // a socket path may not exceed 107 bytes; the data folder can be deeper than that
        "--socket=/tmp/matchstream-mariadb-" + port + ".sock",
        "--pid-file=" + dir.toAbsolutePath().resolve("mariadbd.pid"),
        "--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin"));
    if (ROOT) {
      command.add("--user=root");
    }
    process = ChildProcess.start("mariadb", command, Map.of(), dir.resolve("mariadb.log"));
    awaitReady(timeout);
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    Readiness.await(process, "on port " + port, this::answers, timeout);
    try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", ""); Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
      s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
      // the tests make a database per test: the user may create any
      s.execute("GRANT ALL ON *.* TO '" + USER + "'@'127.0.0.1'");
      s.execute("GRANT ALL ON *.* TO '" + USER + "'@'localhost'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create MariaDB's user " + USER + ": " + e.getMessage(), e);
    }
  }

  private boolean answers() {
    try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates {@code database} if it is missing, with the tables of {@code connectors/sql/matchstream.sql}. */
  public void createDatabase(String database) throws IOException {
    String ddl = Files.readString(layout.schemaSql());
    try (Connection c = DriverManager.getConnection(jdbcUrl(""), USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl(database) + "?allowMultiQueries=true", USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the tables of " + layout.schemaSql() + ": " + e.getMessage(), e);
    }
  }

  public ChildProcess process() {
    return process;
  }

  public void stop() {
    if (process != null) {
      process.stop(60);
    }
  }
}
