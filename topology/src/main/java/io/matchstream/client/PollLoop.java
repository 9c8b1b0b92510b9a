package io.matchstream.client;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

/**
 * A daemon thread that polls one consumer until closed and hands every poll's batch, empty ones
 * too (a handler's timers and waiters move on without records), to a handler. A record the registry
 * cannot decode is skipped ({@link CommittedReader#poll}); a batch the handler fails on is logged
 * and the loop polls on after a pause of one poll's timeout, the handler's own state telling it
 * what to try again. {@link #close} wakes the poll and waits for the thread, which closes the
 * consumer: a consumer is never used by two threads.
 */
public final class PollLoop implements AutoCloseable {
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Duration timeout;
  private final Consumer<ConsumerRecords<String, SpecificRecord>> handler;
  private final Logger log;
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code name}: the thread's, which the log's lines name too; {@code timeout}: each poll's longest wait. */
  public PollLoop(String name, KafkaConsumer<String, SpecificRecord> consumer, Duration timeout,
      Consumer<ConsumerRecords<String, SpecificRecord>> handler, Logger log) {
    this.consumer = consumer;
    this.timeout = timeout;
    this.handler = handler;
    this.log = log;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        try {
          handler.accept(CommittedReader.poll(consumer, timeout, log::error));
        } catch (WakeupException e) {
          // close() asked to stop
        } catch (RuntimeException e) {
          log.error("{} failed on a batch; polling on", thread.getName(), e);
          // a failure that repeats at once (a refused topic, say) is retried at the poll's pace, not in a spin
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pause() {
    CommittedReader.pause(timeout);
    if (Thread.currentThread().isInterrupted()) {
      running = false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
