package io.meshwork.bench.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The three paths of {@link GovernedReadBenchmark} timed back to back in each round (the order
 * rotating per round), so that on a shared machine they meet the same load; prints each round and
 * the medians. Run: {@code java -cp bench/target/benchmarks.jar io.meshwork.bench.dataplane.GovernedReadInterleaved [rounds] [calls]}.
 */
public final class GovernedReadInterleaved {

  private GovernedReadInterleaved() {}

  interface Path {
    long run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String[] queries = {
        "SELECT sku, count(*) AS lines, sum(amount_eur) AS total, count(DISTINCT customer_email) AS customers FROM %s GROUP BY sku ORDER BY total DESC LIMIT 20",
        "SELECT order_id, customer_email, amount_eur FROM %s WHERE amount_eur > 400 ORDER BY order_id LIMIT 10000"};
    GovernedReadBenchmark bench = new GovernedReadBenchmark();
    bench.rows = 5_000_000;
    bench.query = queries[0];
    bench.setUp();
    try {
      for (String query : queries) {
        bench.query = query;
        String[] names = {"governed", "handWritten", "raw"};
        Path[] paths = {bench::governed, bench::handWritten, bench::raw};
        for (Path path : paths) {
          path.run(); // warm up
          path.run();
        }
        List<double[]> results = new ArrayList<>();
        System.out.println("query: " + query.formatted("<port>"));
        System.out.println("round | governed ms | hand-written ms | raw ms | governed vs hand-written | governed vs raw");
        for (int round = 1; round <= rounds; round++) {
          double[] ms = new double[3];
          for (int k = 0; k < 3; k++) {
            int i = (k + round) % 3;
            long started = System.nanoTime();
            for (int call = 0; call < calls; call++) {
              paths[i].run();
            }
            ms[i] = (System.nanoTime() - started) / 1e6 / calls;
          }
          results.add(ms);
          System.out.printf("%d | %.1f | %.1f | %.1f | %.1f %% | %.1f %%%n", round, ms[0], ms[1], ms[2], 100 * ms[1] / ms[0], 100 * ms[2] / ms[0]);
        }
        double[] median = new double[3];
        for (int i = 0; i < 3; i++) {
          int index = i;
          double[] column = results.stream().mapToDouble(r -> r[index]).sorted().toArray();
          median[i] = column[column.length / 2];
        }
        double[] ratioHand = results.stream().mapToDouble(r -> 100 * r[1] / r[0]).sorted().toArray();
        double[] ratioRaw = results.stream().mapToDouble(r -> 100 * r[2] / r[0]).sorted().toArray();
        System.out.printf("median | %.1f | %.1f | %.1f | %.1f %% | %.1f %%%n%n", median[0], median[1], median[2],
            ratioHand[ratioHand.length / 2], ratioRaw[ratioRaw.length / 2]);
        System.out.println(Arrays.toString(names));
      }
    } finally {
      bench.tearDown();
    }
  }
}
