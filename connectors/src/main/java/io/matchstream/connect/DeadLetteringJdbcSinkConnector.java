package io.matchstream.connect;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.apache.kafka.connect.connector.Task;

/**
 * Debezium's JDBC sink, with tasks that send a record the database refuses to the dead-letter
 * topic instead of failing: its own configuration, its own writes, only {@link #taskClass} differs.
 */
public class DeadLetteringJdbcSinkConnector extends JdbcSinkConnector {
  @Override
  public Class<? extends Task> taskClass() {
    return DeadLetteringJdbcSinkTask.class;
  }
}
