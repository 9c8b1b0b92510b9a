package io.matchstream.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's own set of the sinks of {@code connectors/sinks}, as they are but for their names, their
 * dead-letter topics and their database, which get the test's name: one database per test, and
 * consumer groups that start from the topics' beginning.
 */
final class Sinks implements AutoCloseable {
  private final ConnectNode connect;
  private final MariaDbNode mariadb;
  private final String database;
  private final List<String> names = new ArrayList<>();

  private Sinks(ConnectNode connect, MariaDbNode mariadb, String database) {
    this.connect = connect;
    this.mariadb = mariadb;
    this.database = database;
  }

  /** Creates database {@code test} with the tables and registers the sinks into it. */
  static Sinks start(SharedStack stack, String test) throws Exception {
    Sinks sinks = new Sinks(stack.connect(), stack.mariadb(), test);
    sinks.mariadb.createDatabase(test);
    for (SinkConfig sink : SinkConfig.all(stack.layout)) {
      ObjectNode config = sink.config().deepCopy();
      String name = sink.name() + "-" + test;
      config.put("connection.url", sinks.mariadb.jdbcUrl(test));
      config.put("errors.deadletterqueue.topic.name", config.get("errors.deadletterqueue.topic.name").asText() + "-" + test);
      sinks.connect.register(name, config);
      sinks.names.add(name);
    }
    for (String name : sinks.names) {
      sinks.connect.awaitRunning(name, Duration.ofSeconds(120));
    }
    return sinks;
  }

  List<String> names() {
    return names;
  }

  /** The sink's dead-letter topic in this test, from the sink's file name ({@code trades}, {@code orders}, ...). */
  String deadLetterTopic(String sink) {
    return "sink-" + sink + "-dlq-" + database;
  }

  Connection connection() throws SQLException {
    return DriverManager.getConnection(mariadb.jdbcUrl(database), MariaDbNode.USER, MariaDbNode.PASSWORD);
  }

  /** Every connector and task RUNNING (a FAILED one fails the wait at once). */
  void assertRunning() throws Exception {
    for (String name : names) {
      connect.awaitRunning(name, Duration.ofSeconds(60));
    }
  }

  @Override
  public void close() throws Exception {
    for (String name : names) {
      connect.delete(name);
    }
  }
}
