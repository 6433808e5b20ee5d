package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A passage in capitals (a heading) is told without making its upper-case copy, alike. */
class CapitalsTest {
  private static boolean byCopy(String text) {
    return text.equals(text.toUpperCase(Locale.ROOT));
  }

  @Test
  void capitalsAreToldAsTheUpperCaseCopyTellsThem() throws IOException {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "",
                "HÀ NỘI",
                "Hà Nội",
                "UBND TP BẮC KẠN: KẾT QUẢ NĂM 2025",
                "2020 - 2025",
                "ĐẠI HỘI ĐẢNG BỘ LẦN THỨ XIII",
                "TỔNG KẾt",
                "STRASSE",
                "STRAßE", // ß upper-cases to "SS": not in capitals by the copy
                "ǅ", // a title-case letter
                "ª",
                "😀 OK",
                "😀 ok"));
    try (Stream<Path> seeds = Files.list(Path.of("data/articles"))) {
      for (Path seed : seeds.sorted().toList()) {
        for (String line : Files.readAllLines(seed)) {
          texts.add(line);
          texts.add(line.toUpperCase(Locale.ROOT));
        }
      }
    }
    int capitals = 0;
    for (String text : List.copyOf(texts)) {
      for (String form :
          List.of(text, Normalizer.normalize(text, Normalizer.Form.NFD), text.strip())) {
        assertThat(PassageScorer.inCapitals(form)).as(form).isEqualTo(byCopy(form));
        capitals += byCopy(form) ? 1 : 0;
      }
    }
    assertThat(capitals).as("texts in capitals among those checked").isGreaterThan(100);
    assertThat(texts.size()).isGreaterThan(50);
  }
}
