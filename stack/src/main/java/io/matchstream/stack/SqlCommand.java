package io.matchstream.stack;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a query against the stack's database (the tables the sinks keep) and print the result.")
final class SqlCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", description = "the SQL to run, e.g. \"SELECT * FROM trades ORDER BY ts DESC LIMIT 10\"")
  String query;

  @Option(names = "--tsv", description = "a header row of column names, then one tab-separated line per row "
      + "(NULL as \\N, tabs, newlines and backslashes escaped), for scripts")
  boolean tsv;

  @Option(names = "--url", paramLabel = "JDBC_URL", defaultValue = "jdbc:mariadb://127.0.0.1:3307/" + Stack.DATABASE,
      description = "the database (default ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--user", defaultValue = MariaDbNode.USER, description = "default ${DEFAULT-VALUE}")
  String user;

  @Option(names = "--password", defaultValue = MariaDbNode.PASSWORD, description = "default ${DEFAULT-VALUE}")
  String password;

  @Override
  public Integer call() {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      if (!s.execute(query)) {
        System.out.println(s.getUpdateCount() + " row(s) changed");
        return 0;
      }
      try (ResultSet rows = s.getResultSet()) {
        List<String[]> table = read(rows);
        if (tsv) {
          printTsv(table, System.out);
        } else {
          printTable(table, System.out);
          System.out.println((table.size() - 1) + " row(s)");
        }
      }
      return 0;
    } catch (SQLException e) {
      System.err.println("matchstream sql: " + e.getMessage()
          + (e.getSQLState() != null && e.getSQLState().startsWith("08") ? " (is ./matchstream up running?)" : ""));
      return 1;
    }
  }

  /** The header row, then each row; a cell is null for SQL NULL. Decimals print as they are stored. */
  static List<String[]> read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    List<String[]> table = new ArrayList<>();
    String[] header = new String[columns];
    for (int i = 0; i < columns; i++) {
      header[i] = meta.getColumnLabel(i + 1);
    }
    table.add(header);
    while (rows.next()) {
      String[] row = new String[columns];
      for (int i = 0; i < columns; i++) {
        Object value = rows.getObject(i + 1);
        row[i] = value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
      }
      table.add(row);
    }
    return table;
  }

  static void printTsv(List<String[]> table, PrintStream out) {
    for (String[] row : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          line.append('\t');
        }
        line.append(row[i] == null ? "\\N" : row[i].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
      }
      out.println(line);
    }
  }

  static void printTable(List<String[]> table, PrintStream out) {
    int[] width = new int[table.get(0).length];
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], cell(row[i]).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    for (int r = 0; r < table.size(); r++) {
      StringBuilder line = new StringBuilder("|");
      for (int i = 0; i < width.length; i++) {
        line.append(' ').append(String.format("%-" + width[i] + "s", cell(table.get(r)[i]))).append(" |");
      }
      out.println(line);
      if (r == 0) {
        out.println(rule);
      }
    }
    out.println(rule);
  }

  private static String cell(String value) {
    return value == null ? "NULL" : value;
  }
}
