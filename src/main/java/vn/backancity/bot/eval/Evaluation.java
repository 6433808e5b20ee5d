package vn.backancity.bot.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.backancity.bot.App;
import vn.backancity.bot.article.ArticleImporter;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.storage.LocalFiles;

/**
 * Measures answer quality for the project and for a plain-Lucene baseline, side by side: seed
 * questions on the seeds alone and mixed into a large corpus, known-item search with mistyped
 * titles, and reading-comprehension questions (XQuAD) whose paragraphs hide among the corpus.
 */
public final class Evaluation {

  /**
   * What to evaluate.
   *
   * @param corpus a large JSON-lines corpus to mix the seeds into, or null for seeds only
   * @param xquadQuestions XQuAD questions (JSON lines), or null
   * @param knownItems how many corpus articles to sample for known-item search
   * @param work where indexes are built, and reused when their inputs are unchanged
   */
  public record Options(
      Path questions,
      List<Path> seeds,
      Path corpus,
      Path xquadQuestions,
      Path xquadContexts,
      int knownItems,
      long randomSeed,
      Path work,
      boolean showMisses,
      List<Path> graded) {
    public Options {
      graded = graded == null ? List.of() : List.copyOf(graded);
    }

    public Options(
        Path questions,
        List<Path> seeds,
        Path corpus,
        Path xquadQuestions,
        Path xquadContexts,
        int knownItems,
        long randomSeed,
        Path work,
        boolean showMisses) {
      this(
          questions,
          seeds,
          corpus,
          xquadQuestions,
          xquadContexts,
          knownItems,
          randomSeed,
          work,
          showMisses,
          List.of());
    }
  }

  /** One measured figure for both systems; {@code n} is how many questions it is over. */
  public record Row(String suite, String metric, int n, double project, double baseline) {}

  /** Everything measured, with sizes and times. */
  public record Report(List<Row> rows, Map<String, Object> info) {}

  private final Options options;
  private final Settings settings;
  private final ObjectMapper json = App.jsonMapper();
  private final Consumer<String> progress;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> info = new java.util.LinkedHashMap<>();

  private Evaluation(Options options, Settings settings, Consumer<String> progress) {
    this.options = options;
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs every suite the options allow. {@code settings} supplies search tuning. */
  public static Report run(Options options, Settings settings, Consumer<String> progress)
      throws IOException {
    Evaluation e = new Evaluation(options, settings, progress);
    long start = System.nanoTime();
    e.runAll();
    e.info.put("wall_seconds", round((System.nanoTime() - start) / 1e9));
    return new Report(List.copyOf(e.rows), e.info);
  }

  private void runAll() throws IOException {
    QuestionSet seedQuestions = QuestionSet.read(options.questions());
    List<NumberQuestions.Item> seedNumbers;
    try (Setup alone = Setup.build(this, "seeds", options.seeds())) {
      seedSuite("seeds alone", seedQuestions, alone);
      seedNumbers = seedNumberQuestions(alone);
      numbersSuite("numbers: seeds alone", seedNumbers, alone, false);
      gradedSuite("seeds alone", seedQuestions, alone);
    }
    if (options.corpus() == null) {
      return;
    }
    List<Path> mixed = new ArrayList<>(options.seeds());
    mixed.add(options.corpus());
    if (options.xquadContexts() != null) {
      mixed.add(options.xquadContexts());
    }
    try (Setup all = Setup.build(this, "mixed", mixed)) {
      seedSuite("seeds + corpus", seedQuestions, all);
      gradedSuite("seeds + corpus", seedQuestions, all);
      if (options.knownItems() > 0) {
        knownItemSuite(all);
      }
      if (options.xquadQuestions() != null) {
        xquadSuite(all);
      }
      List<NumberQuestions.Item> numbers = new ArrayList<>(seedNumbers);
      numbers.addAll(corpusNumberQuestions(all));
      numbersSuite("numbers + corpus", numbers, all, true);
    }
  }

  // ---- suites ----

  /** The graded-answer rows for the seed questions and each graded set (issue 13). */
  private void gradedSuite(String suite, QuestionSet seedQuestions, Setup setup)
      throws IOException {
    List<QuestionSet> sets = new ArrayList<>(List.of(seedQuestions));
    List<String> names = new ArrayList<>(List.of(""));
    for (Path p : options.graded()) {
      sets.add(QuestionSet.read(p));
      names.add(" " + p.getFileName().toString().replaceFirst("\\.tsv$", ""));
    }
    for (int i = 0; i < sets.size(); i++) {
      GradedEvaluation.Report project =
          GradedEvaluation.project(setup.app().answerer(), sets.get(i));
      GradedEvaluation.Report baseline = GradedEvaluation.baseline(setup.systems()[1], sets.get(i));
      if (options.showMisses()) {
        for (GradedEvaluation.Outcome o : project.outcomes()) {
          if (o.askedBack()) {
            progress.accept(
                "ASKED BACK "
                    + suite
                    + ": "
                    + o.item().question()
                    + " | right first: "
                    + o.right()
                    + " | right among choices: "
                    + o.rightInChoices());
          }
          if (o.item().expectsNone() ? o.tier() != GradedEvaluation.Tier.NOTHING : !o.right()) {
            progress.accept("GRADED MISS " + suite + ": " + o.item().question() + " | " + o.tier());
          }
        }
      }
      rows.addAll(GradedEvaluation.rows(suite + names.get(i), project, baseline));
    }
  }

  private void seedSuite(String suite, QuestionSet set, Setup setup) {
    SeedEvaluation.Report project = SeedEvaluation.run(setup.systems()[0], set);
    SeedEvaluation.Report baseline = SeedEvaluation.run(setup.systems()[1], set);
    for (SeedEvaluation.Outcome o : project.outcomes()) {
      if (!o.correct() && options.showMisses()) {
        progress.accept(
            "MISS "
                + suite
                + ": "
                + o.item().question()
                + " | want "
                + o.item().articleId()
                + " "
                + o.item().expected()
                + " | got "
                + o.gotId()
                + " | "
                + o.excerpt());
      }
    }
    int total = set.items().size();
    int answerable = (int) project.answerable();
    int none = (int) project.noneRows();
    rows.add(
        new Row(
            suite,
            "right (article and excerpt)",
            total,
            ratio(project.correct(), total),
            ratio(baseline.correct(), total)));
    long projectArticles = project.articleRight() - project.noneRight();
    long baselineArticles = baseline.articleRight() - baseline.noneRight();
    rows.add(
        new Row(
            suite,
            "top-1 article accuracy",
            answerable,
            ratio(projectArticles, answerable),
            ratio(baselineArticles, answerable)));
    rows.add(
        new Row(
            suite,
            "excerpt contains answer",
            answerable,
            ratio(project.excerptRight(), answerable),
            ratio(baseline.excerptRight(), answerable)));
    rows.add(
        new Row(
            suite,
            "correct \"no answer\"",
            none,
            ratio(project.noneRight(), none),
            ratio(baseline.noneRight(), none)));
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private void knownItemSuite(Setup setup) throws IOException {
    List<JsonNode> sample = sample(options.corpus(), options.knownItems(), options.randomSeed());
    QueryVariants variants =
        new QueryVariants(App.abbreviations(settings.abbreviationsFile()).pairs());
    Map<String, java.util.function.Function<JsonNode, String>> kinds =
        new java.util.LinkedHashMap<>();
    kinds.put("title", n -> n.path("title").asText());
    kinds.put("no diacritics", n -> QueryVariants.noDiacritics(n.path("title").asText()));
    kinds.put("NFD", n -> QueryVariants.nfd(n.path("title").asText()));
    kinds.put("other tone style", n -> QueryVariants.otherToneStyle(n.path("title").asText()));
    kinds.put("abbreviations", n -> variants.abbreviated(n.path("title").asText()));
    kinds.put("lead fragment", n -> QueryVariants.leadFragment(n.path("lead").asText()));
    for (var kind : kinds.entrySet()) {
      double[][] sums = new double[2][3]; // [system][R@1, R@3, MRR]
      int changed = 0;
      for (JsonNode article : sample) {
        String query = kind.getValue().apply(article);
        if (!query.equals(article.path("title").asText())) {
          changed++;
        }
        String id = article.path("id").asText();
        Retriever[] systems = setup.systems();
        for (int s = 0; s < 2; s++) {
          List<Retriever.Hit> hits = systems[s].search(query);
          int rank = rankOf(hits, id);
          if (s == 0 && rank != 1) {
            miss(kind.getKey(), query, id, hits);
          }
          sums[s][0] += rank == 1 ? 1 : 0;
          sums[s][1] += rank >= 1 && rank <= 3 ? 1 : 0;
          sums[s][2] += rank >= 1 ? 1.0 / rank : 0;
        }
      }
      String suite = "known item: " + kind.getKey();
      int n = sample.size();
      rows.add(new Row(suite, "Recall@1", n, sums[0][0] / n, sums[1][0] / n));
      rows.add(new Row(suite, "Recall@3", n, sums[0][1] / n, sums[1][1] / n));
      rows.add(new Row(suite, "MRR", n, sums[0][2] / n, sums[1][2] / n));
      info.put("known item changed by '" + kind.getKey() + "'", changed);
      progress.accept("known item '" + kind.getKey() + "' done");
    }
  }

  private void xquadSuite(Setup setup) throws IOException {
    int n = 0;
    int[][] counts = new int[2][3]; // [system][article, excerpt, shown excerpt]
    try (BufferedReader in = Files.newBufferedReader(options.xquadQuestions())) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode q = json.readTree(line);
        List<String> answers = new ArrayList<>();
        q.path("answers").forEach(a -> answers.add(a.asText()));
        n++;
        Retriever[] systems = setup.systems();
        for (int s = 0; s < 2; s++) {
          List<Retriever.Hit> hits = systems[s].search(q.path("question").asText());
          Retriever.Hit top = hits.isEmpty() ? null : hits.get(0);
          if (top != null && top.id().equals(q.path("context_id").asText())) {
            counts[s][0]++;
          }
          if (top != null && containsAny(top.excerpt(), answers)) {
            counts[s][1]++;
          } else if (s == 0) {
            miss(
                "xquad",
                q.path("question").asText(),
                q.path("context_id").asText() + " " + answers,
                hits);
          }
          List<Retriever.Hit> shown = systems[s].shown(q.path("question").asText());
          if (!shown.isEmpty() && containsAny(shown.get(0).excerpt(), answers)) {
            counts[s][2]++;
          }
        }
      }
    }
    rows.add(
        new Row(
            "XQuAD + corpus",
            "top-1 article accuracy",
            n,
            (double) counts[0][0] / n,
            (double) counts[1][0] / n));
    rows.add(
        new Row(
            "XQuAD + corpus",
            "excerpt contains answer",
            n,
            (double) counts[0][1] / n,
            (double) counts[1][1] / n));
    // The first excerpt the asker sees, a "possibly related" suggestion included when nothing is
    // confident (labelled as such in every channel).
    rows.add(
        new Row(
            "XQuAD + corpus",
            "shown excerpt contains answer",
            n,
            (double) counts[0][2] / n,
            (double) counts[1][2] / n));
  }

  /** How many corpus articles give one numbers question each. */
  static final int NUMBER_ARTICLES = 300;

  private List<NumberQuestions.Item> seedNumberQuestions(Setup setup) {
    List<vn.backancity.bot.article.Article> seeds = new ArrayList<>();
    setup.app().store().forEach(seeds::add);
    seeds.sort(java.util.Comparator.comparing(vn.backancity.bot.article.Article::id));
    return NumberQuestions.from(seeds, new Random(options.randomSeed()), Integer.MAX_VALUE);
  }

  private List<NumberQuestions.Item> corpusNumberQuestions(Setup setup) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode n : sample(options.corpus(), NUMBER_ARTICLES, options.randomSeed() + 1)) {
      ids.add(n.path("id").asText());
    }
    Map<String, vn.backancity.bot.article.Article> found = setup.app().store().findAll(ids);
    List<vn.backancity.bot.article.Article> articles =
        ids.stream().filter(found::containsKey).map(found::get).toList();
    return NumberQuestions.from(articles, new Random(options.randomSeed() + 1), 1);
  }

  /**
   * Questions about numbers, asked with the number in another written form: is the sentence they
   * were made from in the top excerpt?
   */
  private void numbersSuite(
      String suite, List<NumberQuestions.Item> items, Setup setup, boolean byKind) {
    int[][] hits = new int[2][NumberQuestions.KINDS.size()];
    int[] counts = new int[NumberQuestions.KINDS.size()];
    for (NumberQuestions.Item item : items) {
      int kind = NumberQuestions.KINDS.indexOf(item.kind());
      counts[kind]++;
      Retriever[] systems = setup.systems();
      for (int s = 0; s < 2; s++) {
        List<Retriever.Hit> found = systems[s].search(item.question());
        boolean hit =
            !found.isEmpty() && NumberQuestions.holds(found.get(0).excerpt(), item.sentence());
        if (hit) {
          hits[s][kind]++;
        } else if (s == 0) {
          miss(
              "numbers " + item.kind(),
              item.question(),
              item.articleId() + " " + item.sentence(),
              found);
        }
      }
    }
    int n = items.size();
    rows.add(
        new Row(
            suite,
            "excerpt has the sentence",
            n,
            ratio(java.util.Arrays.stream(hits[0]).sum(), n),
            ratio(java.util.Arrays.stream(hits[1]).sum(), n)));
    if (byKind) {
      for (int k = 0; k < counts.length; k++) {
        if (counts[k] > 0) {
          rows.add(
              new Row(
                  suite + ": " + NumberQuestions.KINDS.get(k),
                  "excerpt has the sentence",
                  counts[k],
                  ratio(hits[0][k], counts[k]),
                  ratio(hits[1][k], counts[k])));
        }
      }
    }
  }

  // ---- helpers ----

  private void miss(String suite, String question, String expected, List<Retriever.Hit> hits) {
    if (options.showMisses()) {
      String got =
          hits.isEmpty()
              ? "nothing"
              : hits.get(0).id() + " | " + hits.get(0).excerpt().replace('\n', ' ');
      progress.accept("MISS " + suite + ": " + question + " | want " + expected + " | got " + got);
    }
  }

  private static int rankOf(List<Retriever.Hit> hits, String id) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).id().equals(id)) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Whether the excerpt contains an expected text, ignoring case and Unicode form. */
  static boolean containsAny(String excerpt, List<String> expected) {
    String e = VietnameseText.nfc(excerpt).toLowerCase(Locale.ROOT);
    return expected.stream()
        .anyMatch(x -> e.contains(VietnameseText.nfc(x).toLowerCase(Locale.ROOT)));
  }

  /** A seeded random sample of corpus articles with a title and a lead (reservoir sampling). */
  private List<JsonNode> sample(Path corpus, int n, long seed) throws IOException {
    Random random = new Random(seed);
    List<JsonNode> reservoir = new ArrayList<>(n);
    int seen = 0;
    try (BufferedReader in = LocalFiles.lines(corpus)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        int slot = seen < n ? seen : random.nextInt(seen + 1);
        seen++;
        if (slot < n) {
          JsonNode node = json.readTree(line);
          if (node.path("title").asText().isBlank() || node.path("lead").asText().isBlank()) {
            continue;
          }
          if (reservoir.size() < n) {
            reservoir.add(node);
          } else {
            reservoir.set(slot, node);
          }
        }
      }
    }
    return reservoir;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The project and the baseline, built over the same inputs, or reused when unchanged. */
  private record Setup(App app, BaselineIndex baseline, Retriever[] systems)
      implements AutoCloseable {

    static Setup build(Evaluation e, String name, List<Path> inputs) throws IOException {
      Path dir = e.options.work().resolve(name);
      String fingerprint = fingerprint(inputs);
      Path marker = dir.resolve("inputs.txt");
      boolean reuse = Files.exists(marker) && Files.readString(marker).equals(fingerprint);
      if (!reuse) {
        LocalFiles.delete(dir);
        Files.createDirectories(dir);
      }
      Settings settings = e.settings.withDataDir(dir.resolve("project"));
      App app = App.open(settings, Clock.systemUTC());
      BaselineIndex baseline = new BaselineIndex(dir.resolve("baseline"));
      long start = System.nanoTime();
      if (!reuse) {
        e.progress.accept("building the '" + name + "' indexes from " + inputs);
        ArticleImporter importer =
            new ArticleImporter(
                batch -> {
                  app.publish(batch);
                  batch.forEach(baseline::add);
                },
                e.json,
                Clock.systemUTC());
        importer.importPaths(inputs, e.progress);
        Files.writeString(marker, fingerprint);
      }
      baseline.commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      e.info.put(name + ": articles", app.store().count());
      e.info.put(name + ": build seconds" + (reuse ? " (reused)" : ""), round(seconds));
      e.info.put(name + ": project index MB", mb(LocalFiles.size(settings.indexDir())));
      e.info.put(name + ": project database MB", mb(Files.size(settings.databaseFile())));
      e.info.put(name + ": baseline index MB", mb(baseline.sizeBytes()));
      return new Setup(
          app, baseline, new Retriever[] {new ProjectRetriever(app.answerer()), baseline});
    }

    private static String fingerprint(List<Path> inputs) throws IOException {
      StringBuilder s = new StringBuilder();
      for (Path p : inputs) {
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            s.append(f.toAbsolutePath())
                .append(' ')
                .append(Files.size(f))
                .append(' ')
                .append(Files.getLastModifiedTime(f).toMillis())
                .append('\n');
          }
        }
      }
      return s.toString();
    }

    private static double mb(long bytes) {
      return round(bytes / 1048576.0);
    }

    @Override
    public void close() throws IOException {
      baseline.close();
      app.close();
    }
  }
}
