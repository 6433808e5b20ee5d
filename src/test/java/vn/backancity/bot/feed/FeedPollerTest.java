package vn.backancity.bot.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.FakeSite;
import vn.backancity.bot.testing.TestApps;

/** Feeds and portal-like pages served by a real HTTP server on loopback. */
class FeedPollerTest {
  @TempDir Path data;
  FakeSite site;
  App app;
  FeedPoller poller;

  static String page(String title, String date, String... paragraphs) {
    StringBuilder body = new StringBuilder();
    for (String p : paragraphs) {
      body.append("<p>").append(p).append("</p>");
    }
    return """
        <html><head><title>%s | Cổng TTĐT</title></head><body>
        <nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li>Tin tức sự kiện</li></ul></nav>
        <div class="header-banner">Cổng thông tin điện tử thành phố Bắc Kạn</div>
        <div class="wrap"><div class="content">
          <h1>%s</h1><span class="date">%s</span>
          <div class="news-detail">%s
            <figure><img src="a.jpg"><figcaption>Toàn cảnh buổi lễ khánh thành</figcaption></figure>
            <div class="share-buttons">Chia sẻ Facebook Zalo</div>
          </div>
          <div class="tin-khac"><h3>Các tin khác</h3><ul><li>Tin cũ về giá rau</li></ul></div>
        </div>
        <aside class="sidebar"><p>Liên kết website: Bộ Nội vụ, Bộ Tài chính</p></aside></div>
        <footer>Bản quyền thuộc UBND thành phố Bắc Kạn</footer></body></html>
        """
        .formatted(title, title, date, body);
  }

  String rss(String firstDescription, String firstDate) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Tin tức</title><link>%s</link>
        <item><title>Khánh thành cầu Pá Danh mới</title><link>%s</link>
          <guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>
        <item><title>Hội chợ nông sản Bắc Kạn năm 2026</title><link>%s</link>
          <pubDate>Sat, 21 Nov 2026 08:00:00 +0700</pubDate><description>Hội chợ</description></item>
        </channel></rss>
        """
        .formatted(
            site.url("/"),
            site.url("/news/1.html"),
            site.url("/news/1.html"),
            firstDate,
            firstDescription,
            site.url("/news/2.html"));
  }

  @BeforeEach
  void start() throws Exception {
    site = new FakeSite();
    site.put("/rss.xml", rss("Cầu mới", "Fri, 20 Nov 2026 09:30:00 +0700"));
    site.put(
        "/atom.xml",
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Tỉnh</title><id>urn:x</id>
        <updated>2026-11-21T07:00:00+07:00</updated>
        <entry><title>Trồng rừng gỗ lớn ở xã Dương Quang</title><id>urn:3</id>
          <link href="%s"/><updated>2026-11-21T07:00:00+07:00</updated></entry>
        <entry><title>Trang quá lớn</title><id>urn:4</id>
          <link href="%s"/><updated>2026-11-21T07:00:00+07:00</updated></entry>
        </feed>
        """
            .formatted(site.url("/news/3.html"), site.url("/endless.html")));
    site.put(
        "/news/1.html",
        page(
            "Khánh thành cầu Pá Danh mới",
            "20/11/2026 09:30",
            "Sáng 20/11, thành phố Bắc Kạn khánh thành cầu Pá Danh dài 120 mét bắc qua sông Cầu.",
            "Cầu có tổng vốn đầu tư 45 tỷ đồng từ ngân sách tỉnh."));
    site.put(
        "/news/2.html",
        page(
            "Hội chợ nông sản",
            "21/11/2026",
            "Hội chợ nông sản năm 2026 có 120 gian hàng miến dong, chè và mật ong."));
    site.put(
        "/news/3.html",
        page(
            "Trồng rừng gỗ lớn",
            "21/11/2026 07:00",
            "Xã Dương Quang trồng mới 35 ha rừng gỗ lớn bằng giống keo lai mô."));
    app =
        TestApps.withSeeds(
            data,
            Map.of(
                "feeds.sources",
                List.of(
                    Map.of("name", "rss", "url", site.url("/rss.xml"), "selector", ".news-detail"),
                    Map.of("name", "atom", "url", site.url("/atom.xml")),
                    Map.of("name", "broken", "url", site.url("/missing.xml")),
                    Map.of("name", "slow", "url", site.url("/slow.xml"))),
                "feeds.max-bytes",
                "1m",
                "feeds.timeout",
                "1s"));
    poller =
        new FeedPoller(
            app.settings().feeds(),
            app.database().dataSource(),
            app.store(),
            app::publish,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    app.close();
    site.close();
  }

  static FeedPoller.Report report(List<FeedPoller.Report> reports, String source) {
    return reports.stream().filter(r -> r.source().equals(source)).findFirst().orElseThrow();
  }

  @Test
  void firstPollMakesNewArticlesSearchableWithCleanText() {
    List<FeedPoller.Report> reports = poller.pollAll(true);

    assertThat(report(reports, "rss").added()).isEqualTo(2);
    assertThat(report(reports, "atom").added()).isEqualTo(1);
    assertThat(report(reports, "atom").skipped()).isEqualTo(1); // the endless page, cut off
    List<Answer> answers = app.answerer().ask("cầu Pá Danh dài bao nhiêu mét").answers();
    assertThat(answers).isNotEmpty();
    Answer top = answers.get(0);
    assertThat(top.link()).isEqualTo(site.url("/news/1.html"));
    assertThat(top.excerpt()).contains("120 mét");
    Article article = app.store().find(top.articleId()).orElseThrow();
    assertThat(article.title()).isEqualTo("Khánh thành cầu Pá Danh mới");
    assertThat(article.publishedAt()).hasToString("2026-11-20T02:30:00Z");
    assertThat(article.captions()).containsExactly("Toàn cảnh buổi lễ khánh thành");
    assertThat(article.proseText())
        .contains("45 tỷ đồng")
        .doesNotContain("Trang chủ")
        .doesNotContain("Các tin khác")
        .doesNotContain("Chia sẻ")
        .doesNotContain("Bộ Nội vụ")
        .doesNotContain("Bản quyền");
    Article generic = app.store().find(FeedPoller.idFor(site.url("/news/3.html"))).orElseThrow();
    assertThat(generic.proseText()).contains("35 ha rừng gỗ lớn").doesNotContain("Trang chủ");
    assertThat(generic.publishedAt()).hasToString("2026-11-21T00:00:00Z");
  }

  @Test
  void secondPollWithUnchangedFeedsFetchesNothing() {
    poller.pollAll(true);
    int feedFetches = site.served("/rss.xml");
    int pageFetches = site.served("/news/1.html");

    List<FeedPoller.Report> second = poller.pollAll(true);

    assertThat(report(second, "rss").notModified()).isTrue();
    assertThat(report(second, "atom").notModified()).isTrue();
    assertThat(site.served("/rss.xml")).isEqualTo(feedFetches);
    assertThat(site.served("/news/1.html")).isEqualTo(pageFetches);
  }

  @Test
  void aChangedItemReplacesTheArticle() {
    poller.pollAll(true);
    int countBefore = app.store().count();
    site.put("/rss.xml", rss("Cầu mới (cập nhật)", "Fri, 20 Nov 2026 11:00:00 +0700"));
    site.put(
        "/news/1.html",
        page(
            "Khánh thành cầu Pá Danh mới",
            "20/11/2026 11:00",
            "Sáng 20/11, thành phố Bắc Kạn khánh thành cầu Pá Danh dài 150 mét bắc qua sông Cầu."));

    List<FeedPoller.Report> reports = poller.pollAll(true);

    assertThat(report(reports, "rss").added()).isEqualTo(1);
    assertThat(report(reports, "rss").unchanged()).isEqualTo(1);
    assertThat(app.store().count()).isEqualTo(countBefore);
    Answer top = app.answerer().ask("cầu Pá Danh dài bao nhiêu mét").answers().get(0);
    assertThat(top.excerpt()).contains("150 mét").doesNotContain("120 mét");
  }

  @Test
  void brokenAndSlowSourcesAreReportedWhileTheOthersIngest() {
    List<FeedPoller.Report> reports = poller.pollAll(true);

    assertThat(report(reports, "broken").error()).contains("404");
    assertThat(report(reports, "slow").error()).isNotNull();
    assertThat(report(reports, "rss").error()).isNull();
    SourceStatus broken =
        poller.statuses().stream().filter(s -> s.name().equals("broken")).findFirst().orElseThrow();
    assertThat(broken.lastError()).contains("404");
    assertThat(broken.failures()).isEqualTo(1);
    assertThat(broken.nextAttempt()).isAfter(java.time.Instant.now());
    SourceStatus rss =
        poller.statuses().stream().filter(s -> s.name().equals("rss")).findFirst().orElseThrow();
    assertThat(rss.lastSuccess()).isNotNull();
    assertThat(rss.lastError()).isNull();
    // Backoff: a failing source is not polled again before its time, the others are when due.
    assertThat(poller.pollAll(false))
        .extracting(FeedPoller.Report::source)
        .doesNotContain("broken");
  }
}
