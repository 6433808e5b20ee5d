package vn.backancity.bot.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import vn.backancity.bot.App;
import vn.backancity.bot.bench.CorpusImport;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.eval.BaselineIndex;
import vn.backancity.bot.storage.LocalFiles;
import vn.backancity.bot.telegram.TelegramWebhook;

/**
 * The load test: a prepared data folder (a corpus imported once), then for each set of cores the
 * server started pinned to them and each endpoint loaded in turn for a fixed time: the chat page,
 * an article page, cached {@code /api/ask} (a few questions asked again and again), uncached {@code
 * /api/ask} (every request a question not asked before) and the Telegram webhook (signed updates
 * with distinct ids; afterwards every acknowledged one must be in the inbox). The server is
 * configured for the test explicitly: the public rate limit raised through {@code
 * PUBLIC_RATE_LIMIT}, Telegram pointed at a fake Bot API on loopback.
 */
public final class LoadTest {
  /** The scenarios, in the order they run. */
  public static final List<String> SCENARIOS =
      List.of("chat-page", "article-page", "ask-cached", "ask-uncached", "webhook");

  static final String TOKEN = "123456:load-test-token";
  static final String SECRET = "load-test-secret";

  /** Questions a busy public chat gets again and again: they are answered from the cache. */
  static final List<String> CACHED =
      List.of(
          "giờ làm việc của ủy ban phường",
          "thủ tục đăng ký khai sinh",
          "lịch tiếp công dân",
          "giá nước sinh hoạt",
          "cấp sổ đỏ ở đâu",
          "số điện thoại đường dây nóng",
          "lịch cắt điện",
          "học phí năm học mới");

  /** How one run is set up. */
  public record Plan(
      Path data,
      Path corpus,
      List<String> cpuSets,
      List<String> scenarios,
      int connections,
      int uncachedConnectionsPerCore,
      Duration warmup,
      Duration duration,
      List<String> jvmArgs,
      String serverClassPath,
      Path logDir) {}

  /**
   * One scenario's figures on one set of cores.
   *
   * @param missing acknowledged webhook updates not found in the inbox (must be 0)
   */
  public record Row(String cpus, LoadRun.Figures figures, String note, long missing) {}

  private final Consumer<String> out;

  public LoadTest(Consumer<String> out) {
    this.out = out;
  }

  public List<Row> run(Settings base, Plan plan) throws Exception {
    Settings settings = base.withDataDir(plan.data());
    Prepared prepared = prepare(settings, plan.corpus());
    List<Row> rows = new ArrayList<>();
    Files.createDirectories(plan.logDir());
    try (FakeBotApi botApi = new FakeBotApi().quiet()) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("TELEGRAM_BOT_TOKEN", TOKEN);
      env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
      env.put("TELEGRAM_API_URL", botApi.url());
      // The load comes from one address: the per-client limit would answer 429 to nearly all of
      // it. Raised here, for this server only; the default stays.
      env.put("PUBLIC_RATE_LIMIT", "1000000000");
      for (String cpus : plan.cpuSets()) {
        int cores = cpus.split(",").length;
        Path log = plan.logDir().resolve("server-cpus-" + cpus.replace(',', '_') + ".log");
        out.accept("server on cpus " + cpus + " (log " + log + ")");
        try (PinnedServer server =
            PinnedServer.start(cpus, plan.jvmArgs(), plan.serverClassPath(), plan.data(), env, log)
                .awaitReady(Duration.ofMinutes(3))) {
          for (String name : plan.scenarios()) {
            rows.add(runOne(server, settings, prepared, plan, name, cpus, cores));
          }
        }
        // Updates the worker had not handled yet (and answers not sent yet) would be handled at the
        // next start, taking CPU from the next set's scenarios.
        int left = setAside(settings);
        if (left > 0) {
          out.accept(left + " load-test updates not handled yet set aside as failed");
        }
      }
    }
    if (plan.scenarios().contains("ask-uncached")) {
      sameQuestions(settings, prepared.questions(), rows);
    }
    out.accept("");
    out.accept(
        "| endpoint | cores | connections | ok/s | p50 ms | p99 ms | max ms | server CPU µs/request"
            + " | errors |");
    out.accept("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      LoadRun.Figures f = r.figures();
      out.accept(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %,.0f | %.2f | %.2f | %.1f | %.0f | %d%s |",
              f.scenario(),
              r.cpus().split(",").length,
              f.connections(),
              f.okPerSecond(),
              f.p50Nanos() / 1e6,
              f.p99Nanos() / 1e6,
              f.maxNanos() / 1e6,
              f.cpuMicrosPerRequest(),
              f.errors(),
              r.note().isEmpty() ? "" : " " + r.note()));
    }
    return rows;
  }

  private Row runOne(
      PinnedServer server,
      Settings settings,
      Prepared prepared,
      Plan plan,
      String name,
      String cpus,
      int cores)
      throws Exception {
    String host = server.host();
    int connections = plan.connections();
    String note = "";
    long missing = 0;
    Scenario scenario;
    WebhookScenario webhook = null;
    switch (name) {
      case "chat-page" -> scenario = fixed(name, HttpConnection.get(host, "/"));
      case "article-page" -> {
        List<byte[]> pages =
            prepared.articleIds().stream()
                .map(id -> HttpConnection.get(host, "/articles/" + encode(id)))
                .toList();
        scenario = cycle(name, pages);
      }
      case "ask-cached" ->
          scenario =
              cycle(
                  name,
                  CACHED.stream()
                      .map(q -> HttpConnection.get(host, "/api/ask?q=" + encode(q)))
                      .toList());
      case "ask-uncached" -> {
        // As many connections as the server runs searches at once (its default: twice the
        // cores); more would be refused with 503 by design, not measured.
        connections = plan.uncachedConnectionsPerCore() * cores;
        List<String> questions = prepared.questions();
        // Each server start has an empty cache; the two halves keep 1 and 2 cores apart anyway.
        int offset = plan.cpuSets().indexOf(cpus) * (questions.size() / plan.cpuSets().size());
        scenario =
            new Scenario() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public byte[] request(long n) {
                String q = questions.get((int) ((offset + n) % questions.size()));
                return HttpConnection.get(host, "/api/ask?q=" + encode(q));
              }
            };
      }
      case "webhook" -> {
        long first = Math.max(prepared.firstUpdateId(), lastUpdateId(settings) + 1);
        webhook = new WebhookScenario(host, first);
        scenario = webhook;
      }
      default -> throw new IllegalArgumentException("unknown scenario: " + name);
    }
    // A fresh server on one core still spends a fifth of it in the JIT compiler a minute after
    // its start when every question takes a new path through the search code (measured with JFR):
    // the uncached questions are measured after a longer warm-up, as a running service sees them.
    // The webhook's warm-up is short instead: the updates it sends stay in the inbox as a backlog,
    // and handling it would be counted against the measured seconds (30 s of warm-up left 84,000
    // updates behind on two cores and cut the acknowledgements from 3,146/s to 2,102/s).
    Duration warmup =
        switch (name) {
          case "ask-uncached" ->
              plan.warmup().compareTo(UNCACHED_WARMUP) < 0 ? UNCACHED_WARMUP : plan.warmup();
          case "webhook" ->
              plan.warmup().compareTo(WEBHOOK_WARMUP) > 0 ? WEBHOOK_WARMUP : plan.warmup();
          default -> plan.warmup();
        };
    out.accept(
        String.format(
            Locale.ROOT,
            "  %s: %d connections, %d s warm-up ...",
            name,
            connections,
            warmup.toSeconds()));
    LoadRun.Figures f =
        LoadRun.run(
            server.address(), scenario, connections, warmup, plan.duration(), server::cpuMillis);
    if (name.equals("ask-uncached")) {
      long asked = f.requests();
      if (asked > prepared.questions().size() / plan.cpuSets().size()) {
        note = "(questions repeated: " + prepared.questions().size() + " distinct)";
      }
    }
    if (webhook != null) {
      Set<Long> acknowledged = webhook.acknowledged();
      // Handling may lag behind the acknowledgements during a burst (the inbox absorbs it): say
      // how far, and wait (bounded) for the backlog to drain, so that a fast acknowledgement
      // figure cannot hide unbounded lag.
      Map<String, Long> atEnd = statuses(settings, acknowledged);
      missing = atEnd.getOrDefault(MISSING, 0L);
      long backlog = atEnd.getOrDefault("pending", 0L);
      long drainStart = System.nanoTime();
      long deadline = drainStart + DRAIN_WAIT.toNanos();
      long left = backlog;
      while (left > 0 && System.nanoTime() < deadline) {
        Thread.sleep(250);
        left = statuses(settings, acknowledged).getOrDefault("pending", 0L);
      }
      double drained = (System.nanoTime() - drainStart) / 1e9;
      note =
          String.format(
              Locale.ROOT,
              "(%,d acknowledged, %d missing; %,d handled by the end, backlog %,d, %s)",
              acknowledged.size(),
              missing,
              atEnd.getOrDefault("done", 0L) + atEnd.getOrDefault("failed", 0L),
              backlog,
              left == 0
                  ? String.format(Locale.ROOT, "drained %.1f s after", backlog == 0 ? 0 : drained)
                  : String.format(
                      Locale.ROOT, "%,d still pending %d s after", left, DRAIN_WAIT.toSeconds()));
    }
    out.accept(
        String.format(
            Locale.ROOT,
            "  %s on cpus %s: %,.0f ok/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, server CPU %.0f"
                + " µs/request, by status %s %s",
            name,
            cpus,
            f.okPerSecond(),
            f.p50Nanos() / 1e6,
            f.p99Nanos() / 1e6,
            f.maxNanos() / 1e6,
            f.cpuMicrosPerRequest(),
            f.statuses(),
            note));
    return new Row(cpus, f, note, missing);
  }

  /**
   * Plain Lucene's search + excerpt and this project's answers, in this process on one thread, over
   * the questions the uncached scenario asked the server on its first set of cores (the first
   * titles of its list, warm-up included): what the server's uncached questions/s are to be
   * compared with. The JIT is warmed first on titles from the end of the list, asked by no server.
   */
  private void sameQuestions(Settings settings, List<String> questions, List<Row> rows)
      throws IOException {
    long asked =
        rows.stream()
            .filter(r -> r.figures().scenario().equals("ask-uncached"))
            .mapToLong(r -> r.figures().requests())
            .max()
            .orElse(0);
    int n = (int) Math.min(Math.min(asked, SAME_QUESTIONS), questions.size() / 2);
    if (n == 0) {
      return;
    }
    List<String> measured = questions.subList(0, n);
    List<String> warmUp =
        questions.subList(
            questions.size() - Math.min(WARM_UP, questions.size() / 2), questions.size());
    Path dir = Files.createTempDirectory("loadtest-baseline");
    try (App app = App.open(settings, Clock.systemUTC());
        BaselineIndex baseline = new BaselineIndex(dir)) {
      app.store().forEach(baseline::add);
      baseline.commit();
      warmUp.forEach(baseline::search);
      long[] plain = timed(measured, baseline::search);
      warmUp.forEach(q -> app.answerer().ask(q));
      app.cache().invalidateAll();
      long[] project = timed(measured, q -> app.answerer().ask(q));
      // CPU time of this thread, not elapsed time: on a shared machine the elapsed time counts
      // other processes' turns; the server's figure below is CPU time too.
      double plainRate = perSecond(plain);
      out.accept(
          String.format(
              Locale.ROOT,
              "same %,d questions in this process, one thread, CPU time: plain Lucene search +"
                  + " excerpt %,.0f/s per core (p50 %.2f ms, p99 %.2f ms); this project %,.0f/s"
                  + " per core (p50 %.2f ms, p99 %.2f ms): plain is %.2f× this project",
              n,
              plainRate,
              LoadRun.percentile(plain, 0.5) / 1e6,
              LoadRun.percentile(plain, 0.99) / 1e6,
              perSecond(project),
              LoadRun.percentile(project, 0.5) / 1e6,
              LoadRun.percentile(project, 0.99) / 1e6,
              plainRate / perSecond(project)));
      for (Row r : rows) {
        if (r.figures().scenario().equals("ask-uncached")) {
          double perCore = 1e6 / r.figures().cpuMicrosPerRequest();
          out.accept(
              String.format(
                  Locale.ROOT,
                  "  over HTTP on cpus %s: %,.0f ok/s, %,.0f/s per core of server CPU: plain Lucene"
                      + " in process is %.2f× that",
                  r.cpus(),
                  r.figures().okPerSecond(),
                  perCore,
                  plainRate / perCore));
        }
      }
    } finally {
      LocalFiles.delete(dir);
    }
  }

  static final Duration UNCACHED_WARMUP = Duration.ofSeconds(30);
  static final Duration WEBHOOK_WARMUP = Duration.ofSeconds(5);

  // The in-process comparison: at most this many of the asked questions, after this many others.
  static final int SAME_QUESTIONS = 3000;
  static final int WARM_UP = 500;

  /** The CPU time of this thread per question, sorted. */
  private static long[] timed(List<String> questions, Consumer<String> ask) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[questions.size()];
    for (int i = 0; i < nanos.length; i++) {
      long t = threads.getCurrentThreadCpuTime();
      ask.accept(questions.get(i));
      nanos[i] = threads.getCurrentThreadCpuTime() - t;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double perSecond(long[] nanos) {
    return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
  }

  private static Scenario fixed(String name, byte[] request) {
    return cycle(name, List.of(request));
  }

  private static Scenario cycle(String name, List<byte[]> requests) {
    return new Scenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public byte[] request(long n) {
        return requests.get((int) (n % requests.size()));
      }
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Signed Telegram updates with distinct ids from {@code first}, from 500 chats in turn, each a
   * question asked often; remembers which ids were acknowledged with 200.
   */
  static final class WebhookScenario implements Scenario {
    private final String host;
    private final long first;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final String headers = TelegramWebhook.SECRET_HEADER + ": " + SECRET + "\r\n";

    WebhookScenario(String host, long first) {
      this.host = host;
      this.first = first;
    }

    @Override
    public String name() {
      return "webhook";
    }

    @Override
    public byte[] request(long n) {
      long chat = 700_000_000L + n % 500;
      String update =
          String.format(
              Locale.ROOT,
              "{\"update_id\":%d,\"message\":{\"message_id\":%d,\"date\":%d,"
                  + "\"chat\":{\"id\":%d,\"type\":\"private\"},"
                  + "\"from\":{\"id\":%d,\"is_bot\":false,\"first_name\":\"Khách\"},"
                  + "\"text\":\"%s\"}}",
              first + n,
              n + 1,
              System.currentTimeMillis() / 1000,
              chat,
              chat,
              CACHED.get((int) (n % CACHED.size())));
      return HttpConnection.postJson(
          host, "/telegram/webhook", headers, update.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void answered(long n, int status) {
      if (status == 200) {
        acknowledged.add(first + n);
      }
    }

    Set<Long> acknowledged() {
      return acknowledged;
    }
  }

  /** What the runs need from the data folder, read before any server starts. */
  record Prepared(List<String> questions, List<String> articleIds, long firstUpdateId) {}

  private Prepared prepare(Settings settings, Path corpus) throws Exception {
    try (App app = App.open(settings, Clock.systemUTC())) {
      if (corpus != null) {
        CorpusImport.intoEmpty(app, corpus, out);
      }
      out.accept(
          String.format(
              Locale.ROOT, "%,d articles in %s", app.store().count(), settings.dataDir()));
    }
    List<String> titles = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (Connection c = connect(settings);
        PreparedStatement st =
            c.prepareStatement("SELECT id, title FROM articles ORDER BY content_hash");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        if (ids.size() < 1000) {
          ids.add(rs.getString(1));
        }
        titles.add(rs.getString(2).strip());
      }
    }
    if (titles.isEmpty()) {
      throw new IllegalStateException("no articles in " + settings.dataDir() + ": pass --corpus");
    }
    // Distinct, never one of the cached questions; a title is what a reader would type.
    List<String> questions =
        titles.stream().filter(t -> !t.isEmpty() && t.length() <= 200).distinct().toList();
    return new Prepared(questions, ids, lastUpdateId(settings) + 1);
  }

  private static Connection connect(Settings settings) throws SQLException {
    String url = settings.databaseUrl();
    if (url == null || url.isBlank()) {
      url = "jdbc:sqlite:" + settings.databaseFile().toAbsolutePath();
    }
    return DriverManager.getConnection(url);
  }

  private static long lastUpdateId(Settings settings) throws SQLException {
    long last = 1_000_000;
    try (Connection c = connect(settings);
        PreparedStatement st =
            c.prepareStatement("SELECT update_key FROM inbox WHERE channel = 'telegram'");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        try {
          last = Math.max(last, Long.parseLong(rs.getString(1)));
        } catch (NumberFormatException notOurs) {
          // a hashed or foreign key
        }
      }
    }
    return last;
  }

  /** The key under which {@link #statuses} counts acknowledged updates not in the inbox. */
  static final String MISSING = "missing";

  /** How long a webhook run waits for the inbox's backlog to drain after the load stops. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(180);

  /**
   * The acknowledged updates by inbox status ({@code pending}, {@code done}, {@code failed}), and
   * under {@link #MISSING} those not in the inbox at all (must be none).
   */
  private static Map<String, Long> statuses(Settings settings, Set<Long> acknowledged)
      throws SQLException {
    Map<Long, String> stored = new java.util.HashMap<>();
    try (Connection c = connect(settings);
        PreparedStatement st =
            c.prepareStatement("SELECT update_key, status FROM inbox WHERE channel = 'telegram'");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        try {
          stored.put(Long.parseLong(rs.getString(1)), rs.getString(2));
        } catch (NumberFormatException notOurs) {
          // a hashed or foreign key
        }
      }
    }
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (long id : acknowledged) {
      counts.merge(stored.getOrDefault(id, MISSING), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Marks the updates left unhandled failed (the server is stopped; the data folder is the load
   * test's own): returns how many.
   */
  private static int setAside(Settings settings) throws SQLException {
    try (Connection c = connect(settings);
        PreparedStatement updates =
            c.prepareStatement(
                "UPDATE inbox SET status = 'failed', payload = '',"
                    + " last_error = 'load test: not handled before the server stopped',"
                    + " claimed_by = NULL, claimed_until = NULL"
                    + " WHERE channel = 'telegram' AND status = 'pending'");
        // Their answers too: sent at the delivery rate, they would keep the next runs busy.
        PreparedStatement replies =
            c.prepareStatement(
                "UPDATE outbox SET status = 'expired',"
                    + " last_error = 'load test: not sent before the server stopped',"
                    + " claimed_by = NULL, claimed_until = NULL"
                    + " WHERE channel = 'telegram' AND status IN ('queued', 'sending')")) {
      int left = updates.executeUpdate();
      replies.executeUpdate();
      return left;
    }
  }
}
