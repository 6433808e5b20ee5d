package vn.backancity.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.eval.Evaluation;
import vn.backancity.bot.storage.LocalFiles;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Measures answer quality for the project and a plain-Lucene baseline (StandardAnalyzer,"
            + " BM25, title+body): seed questions on the seeds alone and mixed into a corpus,"
            + " known-item search with mistyped titles, XQuAD reading comprehension.")
final class EvalCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(
      names = "--questions",
      required = true,
      paramLabel = "TSV",
      description = "Seed questions: question, answering file or NONE, expected text.")
  Path questions;

  @Option(
      names = {"--seeds", "--import"},
      paramLabel = "PATH",
      defaultValue = "data/articles",
      description = "The seed articles. Default: data/articles")
  List<Path> seeds;

  @Option(names = "--corpus", paramLabel = "JSONL", description = "Corpus to mix the seeds into.")
  Path corpus;

  @Option(names = "--xquad", paramLabel = "JSONL", description = "XQuAD questions.")
  Path xquad;

  @Option(names = "--xquad-contexts", paramLabel = "JSONL", description = "XQuAD paragraphs.")
  Path xquadContexts;

  @Option(names = "--known-items", defaultValue = "1000", description = "Known-item sample size.")
  int knownItems;

  @Option(names = "--random-seed", defaultValue = "42", description = "Seed of the sample.")
  long randomSeed;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Where indexes are built and reused while their inputs are unchanged."
              + " Default: a temporary folder, deleted after.")
  Path work;

  @Option(
      names = "--graded",
      paramLabel = "TSV",
      description =
          "More questions for the graded-answer rows (same columns as --questions; NONE rows are"
              + " off-topic).")
  List<Path> graded;

  @Option(names = "--show-misses", description = "Print each miss of the project to stderr.")
  boolean showMisses;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean asJson;

  @Override
  public Integer call() throws Exception {
    boolean temporary = work == null;
    Path dir = temporary ? Files.createTempDirectory("backan-eval") : work;
    try {
      Evaluation.Report report =
          Evaluation.run(
              new Evaluation.Options(
                  questions,
                  seeds,
                  corpus,
                  xquad,
                  xquadContexts,
                  knownItems,
                  randomSeed,
                  dir,
                  showMisses,
                  graded),
              data.settings(Map.of()),
              System.err::println);
      if (asJson) {
        ObjectMapper json = App.jsonMapper();
        ObjectNode root = json.createObjectNode();
        root.set("rows", json.valueToTree(report.rows()));
        root.set("info", json.valueToTree(report.info()));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        print(report);
      }
      return 0;
    } finally {
      if (temporary) {
        LocalFiles.delete(dir);
      }
    }
  }

  private static void print(Evaluation.Report report) {
    System.out.printf(
        Locale.ROOT, "%-28s %-28s %6s %9s %9s%n", "suite", "metric", "n", "project", "baseline");
    for (Evaluation.Row r : report.rows()) {
      System.out.printf(
          Locale.ROOT,
          "%-28s %-28s %6d %9.3f %9.3f%n",
          r.suite(),
          r.metric(),
          r.n(),
          r.project(),
          r.baseline());
    }
    report.info().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %s%n", k, v));
  }
}
