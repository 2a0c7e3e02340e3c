package io.meshwork.bench.observability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set-ups of {@link ObservabilityOverheadBenchmark} side by side in one JVM, measured in
 * interleaved rounds (shuffled order each round): on a shared, loaded machine, load drifting
 * between sequential JMH trials would otherwise be read as overhead. Every request is timed.
 * Prints, per set-up, the median and p95 request latency over all measured requests and their
 * overhead over plain, and the median of the per-round ratios (each round's mean against plain's
 * mean in the same round — the figure least moved by drifting load), and the process CPU time per
 * request (all threads: event loops, workers, DuckDB's own threads, the client), which the load of
 * other processes on the machine barely moves.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.meshwork.bench.observability.ObservabilityInterleaved [rounds] [requestsPerRound] [plain,observed,exported]}
 */
public final class ObservabilityInterleaved {

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    // Vert.x and DuckDB threads are not daemons: leave even if one of them does not stop cleanly
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("plain", "observed");
    if (!modes.contains("plain")) {
      throw new IllegalArgumentException("the set-ups must include plain, the baseline");
    }
    Map<String, ObservabilityOverheadBenchmark> setups = new LinkedHashMap<>();
    for (String mode : modes) {
      ObservabilityOverheadBenchmark setup = new ObservabilityOverheadBenchmark();
      setup.mode = mode;
      setup.start();
      setups.put(mode, setup);
    }
    Map<String, long[]> latencies = new LinkedHashMap<>();
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    Map<String, long[]> cpu = new LinkedHashMap<>();
    modes.forEach(m -> {
      latencies.put(m, new long[rounds * perRound]);
      ratios.put(m, new ArrayList<>());
      cpu.put(m, new long[1]);
    });
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    List<String> order = new ArrayList<>(modes);
    for (int round = -5; round < rounds; round++) { // 5 warm-up rounds
      Collections.shuffle(order);
      Map<String, Double> roundMean = new LinkedHashMap<>();
      for (String mode : order) {
        ObservabilityOverheadBenchmark setup = setups.get(mode);
        long[] into = latencies.get(mode);
        long total = 0;
        long cpuBefore = os.getProcessCpuTime();
        for (int i = 0; i < perRound; i++) {
          long started = System.nanoTime();
          setup.governedQuery();
          long took = System.nanoTime() - started;
          total += took;
          if (round >= 0) {
            into[round * perRound + i] = took;
          }
        }
        if (round >= 0) {
          cpu.get(mode)[0] += os.getProcessCpuTime() - cpuBefore;
        }
        roundMean.put(mode, (double) total / perRound);
      }
      if (round >= 0) {
        for (String mode : modes) {
          ratios.get(mode).add(roundMean.get(mode) / roundMean.get("plain"));
        }
      }
    }
    long[] plain = sorted(latencies.get("plain"));
    System.out.printf("%d rounds x %d requests per set-up%n", rounds, perRound);
    double plainCpu = (double) cpu.get("plain")[0] / plain.length / 1000.0;
    System.out.printf("%-9s %12s %12s %14s %14s %20s %12s %14s%n", "set-up", "p50 µs", "p95 µs", "p50 vs plain", "p95 vs plain",
        "median round ratio", "CPU µs/req", "CPU vs plain");
    for (String mode : modes) {
      long[] sorted = sorted(latencies.get(mode));
      double p50 = percentile(sorted, 0.50) / 1000.0;
      double p95 = percentile(sorted, 0.95) / 1000.0;
      double cpuPerRequest = (double) cpu.get(mode)[0] / sorted.length / 1000.0;
      System.out.printf("%-9s %12.1f %12.1f %+13.1f%% %+13.1f%% %+19.1f%% %12.1f %+13.1f%%%n", mode, p50, p95,
          (p50 / (percentile(plain, 0.50) / 1000.0) - 1) * 100, (p95 / (percentile(plain, 0.95) / 1000.0) - 1) * 100,
          (median(ratios.get(mode)) - 1) * 100, cpuPerRequest, (cpuPerRequest / plainCpu - 1) * 100);
    }
    setups.forEach((mode, setup) -> System.out.printf("meters in %s: %d%n", mode, setup.meters()));
    if (setups.containsKey("exported")) {
      System.out.printf("spans exported (exported set-up): %d%n", DroppingSpanExporter.EXPORTED.sum());
    }
    System.out.flush();
    for (ObservabilityOverheadBenchmark setup : setups.values()) {
      setup.stop();
    }
  }

  private static long[] sorted(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
