package vn.backancity.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.storage.LocalFiles;

class SyntheticCorpusTest {
  @TempDir Path dir;
  final ObjectMapper json = App.jsonMapper();

  @Test
  void aLargerCorpusIsMadeTheSameEveryTimeWithNewIdsDatesAndRecombinedBodies() throws Exception {
    Path source = dir.resolve("source.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines.append(
          json.writeValueAsString(
                  json.createObjectNode()
                      .put("id", "src-" + i)
                      .put("title", "Tiêu đề " + i)
                      .put("lead", "Tóm tắt " + i)
                      .put("body", "Câu một của bài " + i + ".\nCâu hai của bài " + i + "."))
              + "\n");
    }
    Files.writeString(source, lines);

    new SyntheticCorpus(json).write(source, 100, dir.resolve("a.jsonl.gz"));
    new SyntheticCorpus(json).write(source, 100, dir.resolve("b.jsonl.gz"));

    List<JsonNode> a = read(dir.resolve("a.jsonl.gz"));
    assertThat(a).hasSize(100);
    assertThat(a).isEqualTo(read(dir.resolve("b.jsonl.gz")));
    Set<String> ids = new HashSet<>();
    a.forEach(n -> ids.add(n.path("id").asText()));
    assertThat(ids).as("new ids, none repeated").hasSize(100).noneMatch(id -> id.startsWith("src"));
    assertThat(a).allMatch(n -> n.path("published_at").asText().matches("20(1[5-9]|2[0-5]).*"));
    assertThat(a)
        .as("some bodies carry sentences of another article")
        .anyMatch(
            n -> {
              String own = n.path("title").asText().replace("Tiêu đề ", "bài ");
              return n.path("body").asText().lines().anyMatch(l -> !l.contains(own + "."));
            });
  }

  private List<JsonNode> read(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in = LocalFiles.lines(file)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.add(json.readTree(line));
      }
    }
    return out;
  }
}
