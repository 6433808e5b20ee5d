package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.TestApps;

/**
 * What a browser is told about our pages: no script from anywhere but our own files, no framing, no
 * sniffing, and no link that runs script, whatever the database holds.
 */
class SafePagesTest {
  static final String LEGACY = "legacy-js";
  static final List<String> HTML_ROUTES =
      List.of(
          "/",
          "/admin",
          "/articles/004_c117ae27e64cf347",
          "/articles/" + LEGACY,
          "/articles/no-such-article",
          "/tin-moi",
          "/tin-moi?tu=abc",
          "/no-such-page");

  @TempDir static Path data;
  static App app;
  static Service service;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = TestApps.withSeeds(data, Map.of("admin.token", "safe-pages-token"));
    storeLegacyArticleWithAScriptUrl();
    service = Service.start(app, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  /** A row saved before URLs were checked: written straight into the table, as it would be. */
  static void storeLegacyArticleWithAScriptUrl() throws Exception {
    long now = System.currentTimeMillis();
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO articles (id, title, url, published_at, lead, paragraphs, captions,"
                    + " author, tags, content_hash, created_at, updated_at)"
                    + " VALUES (?, ?, ?, NULL, ?, '[]', '[]', NULL, '[]', 'legacy', ?, ?)")) {
      st.setString(1, LEGACY);
      st.setString(2, "Hội chợ hoa đào Pác Nặm");
      st.setString(3, "javascript:alert(document.cookie)");
      st.setString(4, "Hội chợ hoa đào Pác Nặm khai mạc tại quảng trường.");
      st.setLong(5, now);
      st.setLong(6, now);
      st.executeUpdate();
    }
    app.reindex();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyHtmlPageSendsAStrictContentSecurityPolicyAndTheOtherHeaders() throws Exception {
    for (String path : HTML_ROUTES) {
      HttpResponse<String> r = get(path);

      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).contains("text/html");
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp)
          .as(path)
          .contains("default-src 'none'")
          .contains("script-src 'self'")
          .contains("style-src 'self'")
          .contains("connect-src 'self'")
          .contains("frame-ancestors 'none'")
          .contains("base-uri 'none'")
          .contains("form-action 'self'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy"))
          .as(path)
          .hasValue("strict-origin-when-cross-origin");
    }
  }

  @Test
  void jsonAnswersAreNotSniffedEither() throws Exception {
    for (String path : List.of("/api/ask?q=abc", "/api/ask", "/health", "/api/admin/overview")) {
      HttpResponse<String> r = get(path);

      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .contains("application/json");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
  }

  @Test
  void pagesHoldNoInlineScriptStyleOrHandlerAndTheirFilesAreServed() throws Exception {
    Pattern inlineScript =
        Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern asset = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    List<String> assets = new ArrayList<>();
    for (String path : HTML_ROUTES) {
      String body = get(path).body();

      assertThat(inlineScript.matcher(body).find()).as(path + " inline <script>").isFalse();
      assertThat(body).as(path).doesNotContainIgnoringCase("<style").doesNotContain(" style=");
      assertThat(handler.matcher(body).find()).as(path + " on...= handler").isFalse();
      Matcher m = asset.matcher(body);
      while (m.find()) {
        assets.add(m.group(1));
      }
    }
    assertThat(assets).contains("/assets/chat.js", "/assets/admin.js", "/assets/page.css");
    for (String path : assets) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith(path.endsWith(".js") ? "text/javascript" : "text/css");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
  }

  @Test
  void storedUrlThatIsNotAnHttpAddressIsNeverALink() throws Exception {
    String ourPage = "http://bot.test/articles/" + LEGACY;
    HttpResponse<String> page = get("/articles/" + LEGACY);
    HttpResponse<String> news = get("/tin-moi");
    JsonNode answers =
        app.json()
            .readTree(
                get("/api/ask?q=" + URLEncoder.encode("hội chợ hoa đào", StandardCharsets.UTF_8))
                    .body())
            .path("answers");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Hội chợ hoa đào Pác Nặm").doesNotContain("javascript:");
    assertThat(news.body()).contains("href=\"" + ourPage + "\"").doesNotContain("javascript:");
    assertThat(answers.get(0).path("id").asText()).isEqualTo(LEGACY);
    assertThat(answers.get(0).path("url").asText()).isEqualTo(ourPage);
  }
}
