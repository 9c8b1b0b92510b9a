package io.matchstream.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmark in several forks and prints the median of every measured iteration,
 * and for each state the advanced workload's median as a ratio of the core one's, both measured in
 * this run.
 */
public final class EngineBenchmarkMain {
  public static void main(String[] args) throws RunnerException {
    int forks = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Options options = new OptionsBuilder()
        .include(EngineBenchmark.class.getSimpleName())
        .forks(forks)
        .warmupIterations(3)
        .measurementIterations(iterations)
        // the throughput collector: the benchmark is one busy thread that allocates events and state
        .jvmArgs("-Xms3g", "-Xmx3g", "-XX:+UseParallelGC")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    java.util.Map<String, Double> medians = new java.util.TreeMap<>();
    for (RunResult result : results) {
      List<Double> scores = new ArrayList<>();
      for (var benchmark : result.getBenchmarkResults()) {
        for (IterationResult iteration : benchmark.getIterationResults()) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
      }
      scores.sort(Double::compare);
      double median = scores.size() % 2 == 1 ? scores.get(scores.size() / 2)
          : (scores.get(scores.size() / 2 - 1) + scores.get(scores.size() / 2)) / 2;
      String state = result.getParams().getParam("state");
      String workload = result.getParams().getParam("workload");
      medians.put(state + " " + workload, median);
      System.out.printf("engine %s workload, %s state: median %,.0f commands/s over %d iterations in %d forks"
          + " (min %,.0f, max %,.0f)%n", workload, state, median, scores.size(), forks,
          scores.get(0), scores.get(scores.size() - 1));
    }
    for (String state : List.of("fresh", "warm")) {
      Double core = medians.get(state + " core");
      Double advanced = medians.get(state + " advanced");
      if (core != null && advanced != null) {
        System.out.printf("%s state: the advanced workload runs at %.2f of the core one%n", state, advanced / core);
      }
    }
  }
}
