package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack: a KRaft broker, the registry and one streams app, each a child process with
 * its state and log under {@code data}. Started in that order, stopped in the reverse one.
 */
public final class Stack implements AutoCloseable {
  public record Ports(int kafka, int controller, int registry, int appHealth) {
    public static final Ports DEFAULTS = new Ports(9092, 9093, 8081, 8090);

    List<Integer> all() {
      return List.of(kafka, controller, registry, appHealth);
    }
  }

  private final KafkaNode kafka;
  private final RegistryNode registry;
  private final AppNode app;
  private final List<Runnable> started = new ArrayList<>();
  private final PidFile pids;

  public Stack(Layout layout, Path data, Ports ports) {
    pids = new PidFile(data);
    kafka = new KafkaNode(layout, data.resolve("kafka"), ports.kafka(), ports.controller());
    registry = new RegistryNode(layout, data.resolve("registry"), ports.registry());
    app = new AppNode(layout, "app", data.resolve("app"), ports.appHealth(), kafka.bootstrap(), registry.url());
  }

  /** The ports of {@code ports} that something else already holds. */
  public static List<Integer> taken(Ports ports) {
    return ports.all().stream().filter(p -> !io.matchstream.stack.Ports.isFree(p)).toList();
  }

  public void start(java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
    progress.accept("starting the broker on " + kafka.bootstrap());
    started.add(0, kafka::stop);
    kafka.start(Duration.ofSeconds(90));
    pids.add(kafka.process());
    progress.accept("starting the schema registry on " + registry.url());
    started.add(0, registry::stop);
    registry.start(Duration.ofSeconds(120));
    pids.add(registry.process());
    progress.accept("starting the streams app");
    started.add(0, app::stop);
    app.start(Duration.ofSeconds(180));
    pids.add(app.process());
  }

  /** Starts the app again after it died; the broker and the registry run on. */
  public void restartApp() throws IOException, InterruptedException {
    app.start(Duration.ofSeconds(180));
    pids.add(app.process());
  }

  /** The part that died, or null while all run. */
  public ChildProcess dead() {
    for (ChildProcess part : List.of(kafka.process(), registry.process(), app.process())) {
      if (part != null && !part.isAlive()) {
        return part;
      }
    }
    return null;
  }

  public KafkaNode kafka() {
    return kafka;
  }

  public RegistryNode registry() {
    return registry;
  }

  public AppNode app() {
    return app;
  }

  @Override
  public void close() {
    started.forEach(Runnable::run);
    started.clear();
    try {
      pids.clear();
    } catch (IOException e) {
      // a stale pid file is checked against the running processes next time
    }
  }
}
