package io.matchstream.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.matchstream.app.AppConfig;
import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.commands.DeadMansSwitch;
import io.matchstream.gateway.stream.ListenKeys;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.FeedReader;
import io.matchstream.gateway.view.SnapshotStore;
import io.matchstream.gateway.view.SymbolView;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration
public class GatewayBeans {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The Kafka and registry settings of the topology's clients, pointed where the gateway's settings
   * say, as the gateway's principal ({@code kafka}).
   */
  @Bean
  @Primary
  AppConfig kafkaConfig(GatewaySettings settings) {
    return clientConfig(settings, settings.kafka());
  }

  /** The same as the admin principal ({@code admin-kafka}), the one that may write transfers. */
  @Bean
  AppConfig adminKafkaConfig(GatewaySettings settings) {
    return clientConfig(settings, settings.adminKafka());
  }

  private static AppConfig clientConfig(GatewaySettings settings, Map<String, String> principal) {
    return AppConfig.load(null, Map.of("MATCHSTREAM_BOOTSTRAP_SERVERS", settings.bootstrapServers(),
        "MATCHSTREAM_APICURIO_REGISTRY_URL", settings.registryUrl())).with(principal);
  }

  @Bean
  ExchangeView exchangeView(GatewaySettings settings) {
    return new ExchangeView(settings.history());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  FeedReader feedReader(AppConfig kafkaConfig, ExchangeView view, List<FeedListener> listeners,
      GatewaySettings settings, Clock clock) {
    return new FeedReader(kafkaConfig, view, listeners, new SnapshotStore(kafkaConfig), settings.snapshotIntervalMs(),
        clock);
  }

  /** Cancels a user's orders on every known symbol when the user's switch runs out. */
  @Bean(initMethod = "start", destroyMethod = "close")
  DeadMansSwitch deadMansSwitch(AppConfig kafkaConfig, CommandSender commands, ExchangeView view, Clock clock,
      MeterRegistry meters) {
    return new DeadMansSwitch(kafkaConfig, commands, () -> view.symbols().stream().map(SymbolView::symbol).toList(),
        clock, meters);
  }

  /** Binance's listen keys, on the {@code listen-keys} topic: valid on every instance. */
  @Bean(initMethod = "start", destroyMethod = "close")
  ListenKeys listenKeys(AppConfig kafkaConfig, Clock clock, GatewaySettings settings) {
    return new ListenKeys(kafkaConfig, clock, settings.listenKeysPerUser());
  }

  /** The gateway answers queries from its view: it is ready once the view has read the topics' past. */
  @Bean
  HealthIndicator exchangeViewHealth(FeedReader reader) {
    return () -> reader.caughtUp() ? Health.up().build()
        : Health.outOfService().withDetail("view", "reading the event topics").build();
  }

  /**
   * Decimals go out as plain strings ("100.25", never "1E+2"), as SPEC's JSON and Binance's API
   * carry them: in every mapper use, tree and map conversions included.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer decimalsAsStrings() {
    return builder -> builder.serializerByType(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
      @Override
      public void serialize(BigDecimal value, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeString(value.toPlainString());
      }
    });
  }
}
