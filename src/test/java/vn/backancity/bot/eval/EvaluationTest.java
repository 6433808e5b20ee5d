package vn.backancity.bot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.config.Settings;

/**
 * The evaluation end to end on a small slice of the shared data: seeds, 400 corpus articles and the
 * XQuAD dev set. Skipped where ../shared is absent.
 */
class EvaluationTest {
  static final Path SHARED = Path.of(System.getProperty("shared.dir", "../shared"));

  @TempDir Path work;

  @Test
  void projectBeatsTheBaselineOnSeedsXquadAndMistypedTitles() throws Exception {
    Path corpus = SHARED.resolve("corpus/vietnews-50k.jsonl.gz");
    Path xquad = SHARED.resolve("eval/xquad-vi-dev.jsonl");
    Path contexts = SHARED.resolve("eval/xquad-vi-dev-contexts.jsonl");
    assumeTrue(
        Files.exists(corpus) && Files.exists(xquad) && Files.exists(contexts),
        "../shared/corpus and ../shared/eval are not here: evaluation test skipped");
    Path slice = work.resolve("slice.jsonl");
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = vn.backancity.bot.storage.LocalFiles.lines(corpus)) {
      for (String line; lines.size() < 400 && (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    Files.write(slice, lines);

    Evaluation.Report report =
        Evaluation.run(
            new Evaluation.Options(
                Path.of("src/test/resources/eval/questions-dev.tsv"),
                List.of(Path.of("data/articles")),
                slice,
                xquad,
                contexts,
                50,
                7,
                work.resolve("work"),
                false),
            Settings.load(Map.of()),
            line -> {});

    assertThat(row(report, "seeds + corpus", "right (article and excerpt)").project())
        .isGreaterThanOrEqualTo(16 / 17.0);
    Evaluation.Row xquadRow = row(report, "XQuAD + corpus", "excerpt contains answer");
    assertThat(xquadRow.n()).isEqualTo(612);
    assertThat(xquadRow.project()).isGreaterThan(xquadRow.baseline());
    // Counting the first suggestion when nothing is confident adds answers, never removes one.
    Evaluation.Row shown = row(report, "XQuAD + corpus", "shown excerpt contains answer");
    assertThat(shown.project()).isGreaterThanOrEqualTo(xquadRow.project());
    assertThat(shown.baseline()).isEqualTo(xquadRow.baseline());
    Evaluation.Row noDiacritics = row(report, "known item: no diacritics", "Recall@3");
    assertThat(noDiacritics.project()).isGreaterThan(noDiacritics.baseline());
    assertThat(row(report, "known item: title", "Recall@1").project()).isGreaterThanOrEqualTo(0.9);
    assertThat(report.info()).containsKey("mixed: project index MB");
  }

  static Evaluation.Row row(Evaluation.Report report, String suite, String metric) {
    return report.rows().stream()
        .filter(r -> r.suite().equals(suite) && r.metric().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + suite + " / " + metric));
  }
}
