package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.Articles;
import vn.backancity.bot.testing.TestApps;

/**
 * {@code /tin-moi} is public: one request must cost a bounded amount of work however many articles
 * the range holds, and its pages must still reach every article.
 */
class NewsPageTest {
  static final int MANY = 600;
  static final Pattern ITEM =
      Pattern.compile("<li><a href=\"http://bot\\.test/articles/([^\"]+)\">");
  static final Pattern NEXT = Pattern.compile("<a class=\"next\" href=\"([^\"]+)\">");

  @TempDir static Path data;
  static App app;
  static Service service;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = TestApps.withSeeds(data);
    // Imported first, so they come last: newest import first. Two batches, as feeds publish.
    app.publish(
        List.of(
            article("aa-festival-1", "Lễ hội Lồng tông xã Dương Quang"),
            article("aa-festival-2", "Khai mạc lễ hội Lồng tông")));
    List<Article> many = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      many.add(article(String.format("zz-%03d", i), "Tin giao thông số " + i));
    }
    app.publish(many); // one batch: every row has the same created_at, paging must break the tie
    service = Service.start(app, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  static Article article(String id, String title) {
    return Articles.titled(id, title, title + ". Nội dung bài viết.");
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static List<String> items(String body) {
    List<String> ids = new ArrayList<>();
    Matcher m = ITEM.matcher(body);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  static String next(String body) {
    Matcher m = NEXT.matcher(body);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  @Test
  void pagesAreBoundedAndTheNextLinksReachEveryArticleOnce() throws Exception {
    Set<String> seen = new LinkedHashSet<>();
    String page = "/tin-moi?tu=0";
    int pages = 0;
    while (page != null) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      List<String> ids = items(r.body());
      assertThat(ids).as(page).hasSizeLessThanOrEqualTo(NewsPage.PAGE_SIZE).isNotEmpty();
      for (String id : ids) {
        assertThat(seen.add(id)).as("shown twice: " + id).isTrue();
      }
      page = next(r.body());
      pages++;
    }

    int total = MANY + 2 + 5; // and the five seed articles
    assertThat(seen).hasSize(total);
    assertThat(pages).isEqualTo((total + NewsPage.PAGE_SIZE - 1) / NewsPage.PAGE_SIZE);
    assertThat(seen)
        .startsWith("zz-599", "zz-598")
        .containsSubsequence("zz-001", "zz-000", "aa-festival-2", "aa-festival-1");
  }

  @Test
  void topicFilterLooksAtABoundedNumberOfArticlesPerPageThenOffersToGoOn() throws Exception {
    String first = get("/tin-moi?tu=0&chude=" + q("lễ hội lồng tông")).body();

    // 600 newer articles do not match: the first page stops looking before it reaches the two.
    assertThat(items(first)).isEmpty();
    assertThat(first).contains("Chưa thấy bài nào");
    List<String> found = new ArrayList<>();
    int pages = 1;
    for (String page = next(first); page != null; pages++) {
      assertThat(page).contains("chude=").contains("tiep=");
      String body = get(page).body();
      found.addAll(items(body));
      page = next(body);
    }

    assertThat(found).containsExactly("aa-festival-2", "aa-festival-1");
    // Each page looked at exactly SCAN_LIMIT articles (the last at what was left), no more.
    int inRange = MANY + 2 + 5;
    assertThat(pages).isEqualTo((inRange + NewsPage.SCAN_LIMIT - 1) / NewsPage.SCAN_LIMIT);
  }

  @Test
  void topicsMatchWithoutDiacriticsAndAnyOfSeveralMatches() throws Exception {
    String page =
        "/tin-moi?tu=0&chude=" + q("giao thong so 599") + "&chude=" + q("giao thông số 598");

    assertThat(items(get(page).body())).containsExactly("zz-599", "zz-598");
  }

  @Test
  void badParametersAre400WithAVietnameseMessage() throws Exception {
    List<String> bad = new ArrayList<>();
    bad.add("/tin-moi?tu=abc");
    bad.add("/tin-moi?den=1e9");
    bad.add("/tin-moi?tu=-5");
    bad.add("/tin-moi?tu=2000&den=1000");
    bad.add("/tin-moi?tiep=not-a-position");
    bad.add("/tin-moi?tiep=123_" + q("../../etc"));
    bad.add("/tin-moi?chude=" + "a".repeat(101));
    StringBuilder eleven = new StringBuilder("/tin-moi?tu=0");
    for (int i = 0; i < 11; i++) {
      eleven.append("&chude=a").append(i);
    }
    bad.add(eleven.toString());
    for (String path : bad) {
      HttpResponse<String> r = get(path);

      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("text/html");
      assertThat(r.body()).as(path).contains("lang=\"vi\"").containsPattern("[ắạđếộừ]");
    }
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
