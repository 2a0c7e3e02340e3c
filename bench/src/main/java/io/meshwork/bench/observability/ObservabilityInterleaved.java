package io.meshwork.bench.observability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three set-ups of {@link ObservabilityOverheadBenchmark} side by side in one JVM, measured in
 * interleaved rounds (shuffled order each round): on a shared, loaded machine, load drifting
 * between sequential JMH trials would otherwise be read as overhead. Prints the median
 * per-request latency of each set-up and the overhead over plain.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.meshwork.bench.observability.ObservabilityInterleaved [rounds] [requestsPerRound] [plain,observed,exported]}
 */
public final class ObservabilityInterleaved {

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    // Vert.x and DuckDB threads are not daemons: leave even if one of them does not stop cleanly
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Map<String, ObservabilityOverheadBenchmark> setups = new LinkedHashMap<>();
    List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("plain", "observed");
    for (String mode : modes) {
      ObservabilityOverheadBenchmark setup = new ObservabilityOverheadBenchmark();
      setup.mode = mode;
      setup.start();
      setups.put(mode, setup);
    }
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    setups.keySet().forEach(m -> micros.put(m, new ArrayList<>()));
    List<String> order = new ArrayList<>(setups.keySet());
    for (int round = -5; round < rounds; round++) { // 5 warm-up rounds
      Collections.shuffle(order);
      for (String mode : order) {
        ObservabilityOverheadBenchmark setup = setups.get(mode);
        long started = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          setup.governedQuery();
        }
        if (round >= 0) {
          micros.get(mode).add((System.nanoTime() - started) / 1000.0 / perRound);
        }
      }
    }
    double plain = median(micros.get("plain"));
    for (var entry : micros.entrySet()) {
      double m = median(entry.getValue());
      System.out.printf("%-9s median %8.1f µs/request   overhead vs plain %+6.1f %%%n", entry.getKey(), m, (m / plain - 1) * 100);
    }
    if (setups.containsKey("exported")) {
      System.out.printf("spans exported (exported set-up): %d%n", DroppingSpanExporter.EXPORTED.sum());
    }
    System.out.flush();
    for (ObservabilityOverheadBenchmark setup : setups.values()) {
      setup.stop();
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
