package io.meshwork.bench.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The same comparison as {@link QualityBenchmark}, interleaved: each round times the plain
 * aggregate and the engine back to back (alternating which goes first), so both meet the same
 * load on a shared machine, and the median of the per-round ratios is reported. JMH runs one
 * benchmark after the other, minutes apart; on a busy box that alone moves the ratio by ±30 %.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.meshwork.bench.quality.QualityInterleaved [rows] [rounds]}
 */
public final class QualityInterleaved {

  public static void main(String[] args) throws Exception {
    QualityBenchmark bench = new QualityBenchmark();
    bench.rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    bench.setUp();
    try {
      bench.plainDuckDbAggregate();
      bench.qualityEngine();
      List<Double> plain = new ArrayList<>();
      List<Double> engine = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        double p;
        double e;
        if (i % 2 == 0) {
          p = time(bench::plainDuckDbAggregate);
          e = time(bench::qualityEngine);
        } else {
          e = time(bench::qualityEngine);
          p = time(bench::plainDuckDbAggregate);
        }
        plain.add(p);
        engine.add(e);
        ratios.add(p / e);
        System.out.printf("round %d: plain %.0f ms, engine %.0f ms, engine throughput = %.1f %% of plain%n", i + 1, p, e, 100 * p / e);
      }
      System.out.printf("rows %d, rounds %d: median plain %.0f ms (%.1f M rows/s), median engine %.0f ms (%.1f M rows/s), median ratio %.1f %%%n",
          bench.rows, rounds, median(plain), bench.rows / median(plain) / 1000, median(engine), bench.rows / median(engine) / 1000, 100 * median(ratios));
    } finally {
      bench.tearDown();
    }
  }

  interface Work {
    Object run() throws Exception;
  }

  private static double time(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
