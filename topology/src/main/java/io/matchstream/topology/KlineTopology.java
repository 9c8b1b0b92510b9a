package io.matchstream.topology;

import io.matchstream.marketdata.Candles;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.schema.DeadLetter;
import io.matchstream.schema.Kline;
import io.matchstream.schema.Trade;
import io.matchstream.serde.AvroBinarySerde;
import io.matchstream.stage.TradeDecoder;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Candles from the trades: one windowed aggregation per interval the app keeps (1s, 1m, 1h, 1d),
 * keyed by symbol, on the trades' own time ({@code ts}), into the compacted {@code klines} topic.
 * A record on {@code trades} that is no trade goes to the dead letters ({@link TradeDecoder}).
 * Every update of a candle is a record with its whole state, so a reader never needs the earlier
 * ones; the record cache folds a commit's updates of one candle into one.
 */
public final class KlineTopology {
  /**
   * How long after a window closes a trade stamped inside it still counts. A trade's time is its
   * taker command's record time, stamped by whichever gateway or producer sent it: ten seconds
   * covers clocks apart and a send retried for a while. A later one is left out of its candle
   * (Kafka Streams counts it in its dropped-records metric), so a candle is final ten seconds
   * after it closes.
   */
  public static final Duration GRACE = Duration.ofSeconds(10);

  private KlineTopology() {}

  /** The store of one interval's open candles. */
  public static String storeName(KlineInterval interval) {
    return "klines-" + interval.code();
  }

  /** The topic's key of a candle: one per symbol, interval and window. */
  public static String key(String symbol, String interval, long openTime) {
    return symbol + ":" + interval + ":" + openTime;
  }

  static void add(StreamsBuilder builder, RecordSerdes serdes, StoreOptions stores) {
    Serde<Trade> trades = serdes.serde(Trade.class);
    Serde<Kline> klines = serdes.serde(Kline.class);
    KStream<String, SpecificRecord> decoded = builder
        .stream(Topics.TRADES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("trades-for-klines"))
        .processValues(() -> new TradeDecoder(trades.deserializer()), Named.as("trades-decoded"));
    decoded.filter((symbol, value) -> value instanceof DeadLetter, Named.as("trades-undecodable"))
        .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), recordSerde(serdes, DeadLetter.class))
            .withName("trades-dead-letters"));
    // processValues keeps the key: grouping by it needs no repartition topic
    KGroupedStream<String, Trade> bySymbol = decoded
        .filter((symbol, value) -> value instanceof Trade, Named.as("trades-decodable"))
        .mapValues(value -> (Trade) value, Named.as("trades-typed"))
        .groupByKey(Grouped.<String, Trade>as("trades-by-symbol").withKeySerde(Serdes.String()).withValueSerde(trades));
    for (KlineInterval interval : KlineInterval.aggregated()) {
      Duration size = Duration.ofMillis(interval.fixedSize());
      bySymbol.windowedBy(TimeWindows.ofSizeAndGrace(size, GRACE))
          .aggregate(Candles::empty, (symbol, trade, candle) -> Candles.add(candle, trade),
              Named.as(storeName(interval) + "-aggregate"),
              stores.window(storeName(interval), size.plus(GRACE), size, Serdes.String(),
                  new AvroBinarySerde<>(Kline.class)))
          .toStream(Named.as(storeName(interval) + "-updates"))
          .map((window, candle) -> placed(window, candle, interval), Named.as(storeName(interval) + "-placed"))
          .to(Topics.KLINES, Produced.with(Serdes.String(), klines).withStreamPartitioner(KlineTopology::bySymbol)
              .withName(storeName(interval) + "-out"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> recordSerde(RecordSerdes serdes, Class<? extends SpecificRecord> type) {
    return (Serde<SpecificRecord>) (Serde<?>) serdes.serde(type);
  }

  private static KeyValue<String, Kline> placed(Windowed<String> window, Kline candle, KlineInterval interval) {
    long openTime = window.window().start();
    Kline placed = Kline.newBuilder(candle).setSymbol(window.key()).setInterval(interval.code())
        .setOpenTime(openTime).setCloseTime(interval.closeTime(openTime)).build();
    return KeyValue.pair(key(window.key(), interval.code(), openTime), placed);
  }

  /** A symbol's candles share one partition, the one its trades have, so a reader gets them in order. */
  private static Optional<Set<Integer>> bySymbol(String topic, String key, Kline candle, int partitions) {
    byte[] symbol = candle.getSymbol().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(symbol)) % partitions));
  }
}
