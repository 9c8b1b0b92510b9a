package io.matchstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The Kafka users' passwords of one data folder ({@code <data>/kafka/credentials.properties}, readable
 * by its owner only): made at random on the first start, one per user, and kept, so a restart
 * finds the same. A user the file lacks (a new one, or one deleted from the file to rotate its
 * password) gets a new password on the next start, which the stack then sets on the broker.
 */
public final class KafkaCredentials {
  /** Set once the broker's storage was formatted with the users' credentials. */
  static final String FORMATTED = "formatted.with.scram";

  private final Path file;
  private final Properties passwords = new Properties();

  private KafkaCredentials(Path file) {
    this.file = file;
  }

  /** The passwords in {@code file}, with one made for each of {@code users} it lacks (and the broker's). */
  public static KafkaCredentials load(Path file, List<String> users) {
    KafkaCredentials credentials = new KafkaCredentials(file);
    try {
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          credentials.passwords.load(in);
        }
      }
      boolean changed = false;
      SecureRandom random = new SecureRandom();
      for (String user : concat(KafkaPrincipals.BROKER, users)) {
        if (credentials.passwords.getProperty(user + ".password", "").isBlank()) {
          byte[] bytes = new byte[24];
          random.nextBytes(bytes);
          credentials.passwords.setProperty(user + ".password", HexFormat.of().formatHex(bytes));
          changed = true;
        }
      }
      if (changed || !Files.exists(file)) {
        credentials.save();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the Kafka credentials " + file, e);
    }
    return credentials;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new java.util.ArrayList<>(List.of(first));
    rest.stream().filter(u -> !u.equals(first)).forEach(all::add);
    return all;
  }

  public Path file() {
    return file;
  }

  /** The users with a password here, the broker first. */
  public List<String> users() {
    return passwords.stringPropertyNames().stream().filter(k -> k.endsWith(".password"))
        .map(k -> k.substring(0, k.length() - ".password".length()))
        .sorted((a, b) -> a.equals(KafkaPrincipals.BROKER) ? -1 : b.equals(KafkaPrincipals.BROKER) ? 1 : a.compareTo(b))
        .toList();
  }

  public String password(String user) {
    String password = passwords.getProperty(user + ".password");
    if (password == null) {
      throw new IllegalArgumentException("no Kafka user " + user + " in " + file);
    }
    return password;
  }

  boolean formatted() {
    return Boolean.parseBoolean(passwords.getProperty(FORMATTED));
  }

  void markFormatted() throws IOException {
    passwords.setProperty(FORMATTED, "true");
    save();
  }

  private void save() throws IOException {
    writePrivate(passwords, file, "the Kafka users' passwords, made by ./matchstream up; delete a line to rotate it");
  }

  /** Writes {@code settings} to {@code file} (its folder made if missing), readable and writable by the owner only. */
  static void writePrivate(Properties settings, Path file, String comment) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (posix) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer out = Files.newBufferedWriter(temp)) {
      settings.store(out, comment);
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
