package vn.backancity.bot.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions with known answers, from a TSV file: question, the seed file that answers it (NONE when
 * nothing should), and texts a good reply contains, separated by |.
 */
public record QuestionSet(List<Item> items) {

  /**
   * One question.
   *
   * @param articleId the id of the answering article (the seed file name without extension), or
   *     null when the right reply is "not found"
   */
  public record Item(String question, String articleId, List<String> expected) {
    public boolean expectsNone() {
      return articleId == null;
    }
  }

  public static QuestionSet read(Path tsv) throws IOException {
    return parse(Files.readString(tsv, StandardCharsets.UTF_8));
  }

  public static QuestionSet parse(String tsv) {
    List<Item> items = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length < 2) {
        throw new IllegalArgumentException("expected question<TAB>file<TAB>answer: " + line);
      }
      String file = cols[1].strip();
      String id = file.equals("NONE") ? null : file.replaceFirst("\\.[^.]+$", "");
      List<String> expected =
          cols.length < 3 || cols[2].isBlank() ? List.of() : List.of(cols[2].strip().split("\\|"));
      items.add(new Item(cols[0].strip(), id, expected));
    }
    return new QuestionSet(items);
  }
}
