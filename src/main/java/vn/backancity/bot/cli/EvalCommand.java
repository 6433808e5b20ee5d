package vn.backancity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.eval.QuestionSet;
import vn.backancity.bot.eval.SeedEvaluation;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Asks a question set (TSV: question, answering file or NONE, expected text) and prints"
            + " the score. With --import, evaluates on a fresh temporary index of those inputs.")
final class EvalCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--questions", required = true, paramLabel = "TSV")
  Path questions;

  @Option(names = "--import", paramLabel = "PATH", description = "Articles for a temporary index.")
  List<Path> inputs;

  @Override
  public Integer call() throws Exception {
    QuestionSet set = QuestionSet.read(questions);
    Path temp = null;
    try {
      App app;
      if (inputs == null || inputs.isEmpty()) {
        app = data.open();
      } else {
        temp = Files.createTempDirectory("backan-eval");
        app = App.open(data.settings(Map.of("data.dir", temp.toString())), Clock.systemUTC());
        app.importPaths(inputs, System.err::println);
      }
      try (app) {
        print(SeedEvaluation.run(app.answerer(), set));
      }
    } finally {
      if (temp != null) {
        try (Stream<Path> files = Files.walk(temp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }

  private static void print(SeedEvaluation.Report report) {
    for (SeedEvaluation.Outcome o : report.outcomes()) {
      String expected = o.item().expectsNone() ? "NONE" : o.item().articleId();
      System.out.printf(
          "%s %-58.58s want %-22s got %-22s %s%n",
          o.correct() ? "ok  " : "MISS",
          o.item().question(),
          expected,
          o.gotId() == null ? "-" : o.gotId(),
          o.excerpt().length() > 90 ? o.excerpt().substring(0, 90) + "…" : o.excerpt());
    }
    System.out.printf(
        "eval: %d/%d correct; top-1 article %d/%d; excerpt contains answer %d/%d;"
            + " no-answer right %d/%d%n",
        report.correct(),
        report.outcomes().size(),
        report.articleRight(),
        report.outcomes().size(),
        report.excerptRight(),
        report.answerable(),
        report.noneRight(),
        report.noneRows());
  }
}
