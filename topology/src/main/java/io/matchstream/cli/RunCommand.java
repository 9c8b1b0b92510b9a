package io.matchstream.cli;

import io.matchstream.app.AppConfig;
import io.matchstream.app.StreamsApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the streams app against a broker and a registry, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the streams app against a Kafka broker and an Apicurio registry.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file over the defaults; MATCHSTREAM_<KEY> environment variables override both.")
  Path config;

  @Override
  public Integer call() throws Exception {
    StreamsApp app = StreamsApp.start(AppConfig.load(config, System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "matchstream-shutdown"));
    app.awaitStop();
    return app.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
  }
}
