package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.search.VietnameseAnalyzer;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.search.WordForm;

/**
 * Words' forms come from a table looked up by the words' characters: the same forms as computed.
 */
class WordsTest {
  @Test
  void everyWordOfTheSeedsHasTheFormsItsOwnTextGives() throws IOException {
    int checked = 0;
    try (Stream<Path> seeds = Files.list(Path.of("data/articles"))) {
      for (Path seed : seeds.sorted().toList()) {
        String text = Files.readString(seed);
        // Twice: the second time every word comes from the table.
        for (int round = 0; round < 2; round++) {
          for (Words.Word w : Words.of(text)) {
            String written = text.substring(w.start(), w.end());
            if (w.isNumber() || written.isEmpty() || !Character.isLetter(written.charAt(0))) {
              continue; // a figure's one form may span several words; "%" is read "phần trăm"
            }
            assertThat(w.canonical()).as(written).isEqualTo(WordForm.CANONICAL.apply(written));
            assertThat(w.folded()).as(written).isEqualTo(VietnameseText.fold(w.canonical()));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(2_000);
  }

  @Test
  void figuresAreReadAsTheIndexReadsThem() throws IOException {
    // An excerpt credits a figure of the question only if it reads the text's figures as the index
    // does: the same figures, in the same order, for every paragraph of the seeds and a few more.
    VietnameseAnalyzer index = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    List<String> texts = new ArrayList<>();
    try (Stream<Path> seeds = Files.list(Path.of("data/articles"))) {
      for (Path seed : seeds.sorted().toList()) {
        texts.addAll(List.of(Files.readString(seed).split("\n+")));
      }
    }
    texts.addAll(
        List.of(
            "Hội nghị Trung ương 8 khóa XIII và kỳ họp thứ 5 Quốc hội khóa XV.",
            "Quý III năm 2023, đô thị loại II, 2 xã; thế kỉ XXI, Super Bowl XXXIII, Block II.",
            "ngày 6 tháng 10 năm 2021, 4,6 nghìn tỷ, 15 %, giai đoạn 2020 – 2025, hai mươi lăm người"));
    int figures = 0;
    for (String text : texts) {
      // A figure glued to letters ("230ha", "covid19") is one term in the index and two words in a
      // passage, on purpose (search/HeldWords): those are left out on both sides.
      List<String> indexed =
          index.terms(text).stream().filter(t -> t.matches("[0-9][0-9.,]*")).toList();
      List<String> read =
          Words.of(text).stream()
              .filter(Words.Word::isNumber)
              .filter(w -> !gluedToLetters(text, w))
              .map(Words.Word::canonical)
              .toList();
      assertThat(read).as(text).isEqualTo(indexed);
      figures += read.size();
    }
    assertThat(figures).isGreaterThan(100);
  }

  private static boolean gluedToLetters(String text, Words.Word w) {
    return w.start() > 0 && Character.isLetter(text.charAt(w.start() - 1))
        || w.end() < text.length() && Character.isLetter(text.charAt(w.end()));
  }

  @Test
  void aWordIsFoundByItsCharactersInsideAnyText() {
    Words.FormTable table = new Words.FormTable(4); // 16 slots, 8 words at most
    Words.Forms bac = forms("Bắc");
    table.put(bac);
    String text = "phường Bắc Kạn, Bắc";
    assertThat(table.get(text.toCharArray(), 7, 10, "Bắc".hashCode())).isSameAs(bac);
    assertThat(table.get(text.toCharArray(), 16, 19, "Bắc".hashCode())).isSameAs(bac);
    assertThat(table.get(text.toCharArray(), 11, 14, "Kạn".hashCode())).isNull();
    // The same hash, other characters: not the word.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    table.put(forms("Aa"));
    assertThat(table.get("BB".toCharArray(), 0, 2, "BB".hashCode())).isNull();
    assertThat(table.get("xAa".toCharArray(), 1, 3, "Aa".hashCode()).written()).isEqualTo("Aa");
  }

  @Test
  void aFullTableStartsAgainAndStillAnswersRightly() {
    Words.FormTable table = new Words.FormTable(4);
    for (int i = 0; i < 100; i++) {
      String w = "w" + i;
      table.put(forms(w));
      assertThat(table.get(w.toCharArray(), 0, w.length(), w.hashCode()).written()).isEqualTo(w);
      assertThat(table.size()).isLessThanOrEqualTo(8);
    }
    assertThat(table.get("w0".toCharArray(), 0, 2, "w0".hashCode()))
        .isNull(); // dropped when it started again
  }

  @Test
  void wordsPutFromManyThreadsAreAllFound() throws Exception {
    Words.FormTable table = new Words.FormTable(14); // room for 8,192 words
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      words.add("từ" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> words.forEach(w -> table.put(forms(w)))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(table.size()).isEqualTo(words.size());
    for (String w : words) {
      assertThat(table.get(w.toCharArray(), 0, w.length(), w.hashCode()).written()).isEqualTo(w);
    }
  }

  private static Words.Forms forms(String w) {
    return Words.Forms.of(w, w.hashCode());
  }
}
