package vn.backancity.bot.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario over N keep-alive connections (one platform thread each, closed loop: a
 * connection sends its next request when the answer to the last one is in), first for a warm-up
 * whose answers are not counted, then for the measured time. Latency is from writing the request to
 * reading the last byte of the answer.
 */
final class LoadRun {
  private LoadRun() {}

  /** What a measured run saw. {@code statuses}: answers by status, -1 for no answer. */
  record Figures(
      String scenario,
      int connections,
      double seconds,
      long requests,
      long ok,
      Map<Integer, Long> statuses,
      long p50Nanos,
      long p99Nanos,
      long maxNanos,
      long serverCpuMillis) {
    double okPerSecond() {
      return ok / seconds;
    }

    long errors() {
      return requests - ok;
    }

    /** Server CPU per answered request in microseconds, or -1 when unknown. */
    double cpuMicrosPerRequest() {
      return serverCpuMillis < 0 || requests == 0 ? -1 : serverCpuMillis * 1000.0 / requests;
    }
  }

  static Figures run(
      InetSocketAddress server,
      Scenario scenario,
      int connections,
      Duration warmup,
      Duration measured,
      java.util.function.LongSupplier serverCpuMillis)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long until = from + measured.toNanos();
    Sampler[] samplers = new Sampler[connections];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Sampler sampler = new Sampler();
      samplers[c] = sampler;
      threads.add(
          Thread.ofPlatform()
              .name("load-" + scenario.name() + "-" + c)
              .start(
                  () -> {
                    try (HttpConnection connection = new HttpConnection(server, 30_000)) {
                      while (true) {
                        long n = sequence.getAndIncrement();
                        byte[] request = scenario.request(n);
                        long t0 = System.nanoTime();
                        if (t0 >= until) {
                          break;
                        }
                        int status;
                        try {
                          status = connection.exchange(request);
                        } catch (IOException e) {
                          status = -1;
                        }
                        long t1 = System.nanoTime();
                        scenario.answered(n, status);
                        if (t0 >= from && t1 <= until) {
                          sampler.add(status, t1 - t0);
                        }
                      }
                    }
                  }));
    }
    // The server's CPU over the measured window only.
    long[] cpu = {-1, -1};
    Thread.sleep(Math.max(0, (from - System.nanoTime()) / 1_000_000));
    cpu[0] = serverCpuMillis.getAsLong();
    Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
    cpu[1] = serverCpuMillis.getAsLong();
    for (Thread t : threads) {
      t.join();
    }
    long total = 0;
    long ok = 0;
    Map<Integer, Long> statuses = new TreeMap<>();
    long[] all = new long[Arrays.stream(samplers).mapToInt(s -> s.count).sum()];
    int at = 0;
    for (Sampler s : samplers) {
      System.arraycopy(s.nanos, 0, all, at, s.count);
      at += s.count;
      total += s.count;
      for (int i = 0; i < s.count; i++) {
        statuses.merge(s.statuses[i], 1L, Long::sum);
        if (s.statuses[i] >= 200 && s.statuses[i] < 300) {
          ok++;
        }
      }
    }
    Arrays.sort(all);
    return new Figures(
        scenario.name(),
        connections,
        measured.toNanos() / 1e9,
        total,
        ok,
        statuses,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1],
        cpu[0] < 0 || cpu[1] < 0 ? -1 : cpu[1] - cpu[0]);
  }

  /** The nearest-rank percentile {@code p} (0..1] of {@code sorted}; 0 when it is empty. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** One connection's samples, kept apart so that threads never share a write. */
  private static final class Sampler {
    long[] nanos = new long[1 << 16];
    int[] statuses = new int[1 << 16];
    int count;

    void add(int status, long elapsed) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
        statuses = Arrays.copyOf(statuses, count * 2);
      }
      nanos[count] = elapsed;
      statuses[count] = status;
      count++;
    }
  }
}
