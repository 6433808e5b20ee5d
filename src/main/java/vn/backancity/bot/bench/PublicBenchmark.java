package vn.backancity.bot.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.config.Settings;

/**
 * The public pages under load: a corpus imported, the real server on loopback, then concurrent
 * clients (each from its own loopback address, as separate citizens would be, so the per-client
 * limit does not stand in for the page's own cost) reading /tin-moi over the whole range, with and
 * without topics that match nothing, following "next" links. Prints the answers by status, the
 * latencies and the heap; the server's heap is this JVM's (run it with -Xmx256m).
 */
public final class PublicBenchmark {
  private static final Pattern NEXT = Pattern.compile("<a class=\"next\" href=\"([^\"]+)\">");

  private final Consumer<String> out;

  public PublicBenchmark(Consumer<String> out) {
    this.out = out;
  }

  /** What a run saw. */
  public record Result(int requests, int serverErrors, int refused, long p50Nanos, long maxNanos) {}

  public Result run(Settings base, Path work, Path corpus, int clients, int requestsEach)
      throws Exception {
    Settings settings = base.withDataDir(work);
    if (settings.port() != 0) {
      throw new IllegalArgumentException("the benchmark's server takes any free port: port 0");
    }
    try (App app = App.open(settings, Clock.systemUTC())) {
      if (!CorpusImport.intoEmpty(app, corpus, out)) {
        out.accept(String.format(Locale.ROOT, "%,d articles already there", app.store().count()));
      }
      try (Service service = Service.start(app, "127.0.0.1")) {
        String base0 = "http://127.0.0.1:" + service.port();
        long to = app.clock().millis();
        List<String> firstPages =
            List.of(
                "/tin-moi?tu=0&den=" + to,
                "/tin-moi?tu=0&den=" + to + "&chude=a1&chude=a2&chude=a3",
                "/tin-moi?tu=0&den=" + to + "&chude=a4&chude=a5&chude=a6",
                "/tin-moi?tu=0&den=" + to + "&chude=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi");
        ConcurrentLinkedQueue<long[]> answers = new ConcurrentLinkedQueue<>(); // status, nanos
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakLive = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int client = c;
          // 127.0.1.x: loopback, one address per simulated citizen.
          InetAddress from = InetAddress.getByName("127.0.1." + (10 + client));
          HttpClient http =
              HttpClient.newBuilder()
                  .localAddress(from)
                  .connectTimeout(Duration.ofSeconds(10))
                  .build();
          threads.add(
              Thread.ofPlatform()
                  .name("bench-client-" + client)
                  .start(
                      () -> {
                        try {
                          go.await();
                          String page = firstPages.get(client % firstPages.size());
                          for (int i = 0; i < requestsEach; i++) {
                            long t = System.nanoTime();
                            HttpResponse<String> r =
                                http.send(
                                    HttpRequest.newBuilder(URI.create(base0 + page))
                                        .timeout(Duration.ofSeconds(60))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            answers.add(
                                new long[] {
                                  r.statusCode(),
                                  System.nanoTime() - t,
                                  page.contains("chude=") ? 1 : 0
                                });
                            Runtime rt = Runtime.getRuntime();
                            peakHeap.accumulateAndGet(
                                rt.totalMemory() - rt.freeMemory(), Math::max);
                            peakLive.accumulateAndGet(liveAfterLastGc(), Math::max);
                            Matcher next = NEXT.matcher(r.body());
                            page =
                                next.find()
                                    ? next.group(1).replace("&amp;", "&")
                                    : firstPages.get(client % firstPages.size());
                          }
                        } catch (IOException e) {
                          answers.add(new long[] {-1, 0, 0});
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
        }
        long began = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
          t.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return report(new ArrayList<>(answers), clients, seconds, peakHeap.get(), peakLive.get());
      }
    }
  }

  /** What the heap held after its last collection: the live data, without garbage. */
  private static long liveAfterLastGc() {
    long used = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP
          && pool.isCollectionUsageThresholdSupported()
          && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private Result report(
      List<long[]> answers, int clients, double seconds, long peakHeap, long peakLive) {
    long[] nanos = answers.stream().mapToLong(a -> a[1]).sorted().toArray();
    int serverErrors = (int) answers.stream().filter(a -> a[0] >= 500 || a[0] < 0).count();
    int refused = (int) answers.stream().filter(a -> a[0] == 429).count();
    int ok = (int) answers.stream().filter(a -> a[0] == 200).count();
    long p50 = nanos.length == 0 ? 0 : nanos[nanos.length / 2];
    long max = nanos.length == 0 ? 0 : nanos[nanos.length - 1];
    Runtime rt = Runtime.getRuntime();
    out.accept(
        String.format(
            Locale.ROOT,
            "%d clients, %d requests of /tin-moi in %.1f s: %d ok, %d 5xx or no answer, %d 429",
            clients,
            answers.size(),
            seconds,
            ok,
            serverErrors,
            refused));
    out.accept(
        String.format(
            Locale.ROOT,
            "latency p50 %.1f ms, p95 %.1f ms, max %.1f ms; heap after GC at most %d MB, in use"
                + " (garbage included) at most %d MB, of max %d MB",
            p50 / 1e6,
            nanos.length == 0
                ? 0
                : nanos[Math.min(nanos.length - 1, nanos.length * 95 / 100)] / 1e6,
            max / 1e6,
            peakLive >> 20,
            peakHeap >> 20,
            rt.maxMemory() >> 20));
    for (int kind = 0; kind < 2; kind++) {
      int k = kind;
      long[] some = answers.stream().filter(a -> a[2] == k).mapToLong(a -> a[1]).sorted().toArray();
      if (some.length > 0) {
        out.accept(
            String.format(
                Locale.ROOT,
                "  %s: %d requests, p50 %.1f ms, max %.1f ms",
                k == 0 ? "whole range, no topic" : "with topics (scan bounded)",
                some.length,
                some[some.length / 2] / 1e6,
                some[some.length - 1] / 1e6));
      }
    }
    return new Result(answers.size(), serverErrors, refused, p50, max);
  }
}
