package vn.backancity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.backancity.bot.testing.FakeSite;

/** Runs the real commands on a temporary data folder, capturing stdin and stdout. */
class CliTest {
  @TempDir Path data;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  PrintStream originalOut;
  InputStream originalIn;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalIn = System.in;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setIn(originalIn);
  }

  int run(String... args) {
    return new CommandLine(new Cli()).execute(args);
  }

  String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void importThenAskJsonLinesFromStdin() throws Exception {
    assertThat(run("import", "--data", data.toString(), "data/articles")).isZero();
    assertThat(output()).contains("imported 5 articles from 5 files");
    out.reset();
    System.setIn(
        new ByteArrayInputStream(
            "tp bac kan co bao nhieu don vi hanh chinh\n\ngiá vàng hôm nay\n"
                .getBytes(StandardCharsets.UTF_8)));

    assertThat(run("ask", "--data", data.toString(), "--json", "-")).isZero();

    String[] lines = output().strip().split("\n");
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines[0]);
    assertThat(first.path("question").asText())
        .isEqualTo("tp bac kan co bao nhieu don vi hanh chinh");
    assertThat(first.path("answers").get(0).path("id").asText()).isEqualTo("004_c117ae27e64cf347");
    assertThat(first.path("answers").get(0).path("excerpt").asText())
        .contains("8 đơn vị hành chính");
    assertThat(json.readTree(lines[1]).path("answers")).isEmpty();
  }

  @Test
  void askShowsTheCitysCuratedAnswerFirst() throws Exception {
    run("import", "--data", data.toString(), "data/articles");
    try (vn.backancity.bot.App app =
        vn.backancity.bot.App.open(
            vn.backancity.bot.testing.TestApps.settings(data, java.util.Map.of()),
            java.time.Clock.systemUTC())) {
      app.curated()
          .create(
              new vn.backancity.bot.curated.CuratedAnswer.Draft(
                  java.util.List.of("Giờ làm việc của UBND TP?"), "Từ 7 giờ 30.", null, null));
    }
    out.reset();

    assertThat(run("ask", "--data", data.toString(), "--json", "gio lam viec uy ban nhan dan tp"))
        .isZero();
    JsonNode first = new ObjectMapper().readTree(output()).path("answers").get(0);
    assertThat(first.path("curated").asBoolean()).isTrue();
    assertThat(first.path("excerpt").asText()).isEqualTo("Từ 7 giờ 30.");
    out.reset();
    run("ask", "--data", data.toString(), "giờ làm việc UBND thành phố");
    assertThat(output()).contains("✅ Câu trả lời chính thức").doesNotContain("null");
  }

  @Test
  void askPrintsAReadableAnswer() {
    run("import", "--data", data.toString(), "data/articles");
    out.reset();

    assertThat(run("ask", "--data", data.toString(), "Khu", "di", "tích", "Nà", "Pậu", "ở", "đâu?"))
        .isZero();

    assertThat(output()).contains("1. Nâng cao chất lượng tổ chức cơ sở Đảng").contains("Nà Tẳng");
  }

  @Test
  void reindexRebuildsFromTheDatabase() {
    run("import", "--data", data.toString(), "data/articles");
    out.reset();

    assertThat(run("reindex", "--data", data.toString())).isZero();

    assertThat(output()).contains("indexed 5 articles");
  }

  @Test
  void evalPrintsTheScore() {
    int code =
        run(
            "eval",
            "--data",
            data.toString(),
            "--questions",
            "src/test/resources/eval/questions-dev.tsv",
            "--import",
            "data/articles");

    assertThat(code).isZero();
    assertThat(output())
        .containsPattern(
            "seeds alone +right \\(article and excerpt\\) +17 +(1\\.000|0\\.941) +0\\.\\d+")
        .contains("wall_seconds");
  }

  @Test
  void crawlOncePollsTheFeedsAndSaysWhatItFound() throws Exception {
    try (FakeSite site = new FakeSite()) {
      site.put(
          "/feed.xml",
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
              + "<item><title>Tin mới về đường Trường Chinh</title><link>"
              + site.url("/a.html")
              + "</link></item></channel></rss>");
      site.put(
          "/a.html",
          "<html><body><div><p>Đường Trường Chinh được trải nhựa lại dài 2 km.</p>"
              + "<p>Công trình hoàn thành trong tháng 11.</p></div></body></html>");
      System.setProperty("feeds.extra-urls", site.url("/feed.xml"));
      ConfigFactory.invalidateCaches();
      try {
        assertThat(run("crawl", "--data", data.toString(), "--once")).isZero();
      } finally {
        System.clearProperty("feeds.extra-urls");
        ConfigFactory.invalidateCaches();
      }
      assertThat(output())
          .contains("127.0.0.1: 1 items, 1 new or changed")
          .contains("1 articles in total");
    }
  }

  @Test
  void importOfNothingUsableFails() {
    assertThat(run("import", "--data", data.toString(), "no/such/folder")).isEqualTo(1);
    assertThat(output()).contains("no such file or folder");
  }
}
