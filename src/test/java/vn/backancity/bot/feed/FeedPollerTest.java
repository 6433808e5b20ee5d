package vn.backancity.bot.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.config.FeedSettings;
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
    site.put("/news/1.html", page1());
    site.put(
        "/news/2.html",
        page(
            "Hội chợ nông sản",
            "21/11/2026",
            "Hội chợ nông sản năm 2026 có 120 gian hàng miến dong, chè và mật ong."));
    site.stall("/slow.xml", rss("Chậm", "Sat, 21 Nov 2026 09:00:00 +0700"));
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

  /** Polls every feed now, failing (instead of hanging) when that takes longer than {@code max}. */
  static List<FeedPoller.Report> pollWithin(FeedPoller poller, Duration max) {
    return assertTimeoutPreemptively(max, () -> poller.pollAll(true));
  }

  /** A poller of other feeds into the same app, with a short timeout. */
  FeedPoller pollerOf(Duration timeout, FeedSettings.Source... sources) {
    FeedSettings base = app.settings().feeds();
    return new FeedPoller(
        new FeedSettings(
            List.of(sources), base.interval(), base.userAgent(), timeout, base.maxBytes()),
        app.database().dataSource(),
        app.store(),
        app::publish,
        Clock.systemUTC());
  }

  FeedSettings.Source source(String name, String path) {
    return new FeedSettings.Source(name, URI.create(site.url(path)), null);
  }

  static String feed(String... links) {
    StringBuilder items = new StringBuilder();
    int n = 0;
    for (String link : links) {
      n++;
      items
          .append("<item><title>Khánh thành cầu Pá Danh mới</title><link>")
          .append(link)
          .append("</link><guid>g")
          .append(n)
          .append("</guid><pubDate>Fri, 20 Nov 2026 09:30:00 +0700</pubDate></item>");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Tin</title>"
        + items
        + "</channel></rss>";
  }

  SourceStatus status(FeedPoller p, String name) {
    return p.statuses().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void brokenAndSlowSourcesAreReportedWhileTheOthersIngest() {
    // "slow" sends its headers and half a real feed, then stalls: only a deadline that covers
    // the body can fail it (it used to answer 404 after a pause, which failed with or without).
    List<FeedPoller.Report> reports = pollWithin(poller, Duration.ofSeconds(10));

    assertThat(report(reports, "broken").error()).contains("404");
    assertThat(report(reports, "slow").error()).containsIgnoringCase("timeout");
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

  @Test
  void aFeedOrPageThatStallsOrTricklesAfterItsHeadersDelaysOnlyItself() {
    site.trickle("/trickle.xml");
    site.put("/stalled-item.xml", feed(site.url("/stalled.html")));
    site.stall("/stalled.html", page("Treo", "21/11/2026", "Trang này không bao giờ tải xong."));
    FeedPoller p =
        pollerOf(
            Duration.ofSeconds(1),
            source("slow", "/slow.xml"),
            source("trickle", "/trickle.xml"),
            source("stalled-item", "/stalled-item.xml"),
            source("rss", "/rss.xml"));

    // Three sources each stall for the 1 s timeout: polled one after the other that is 3 s; a
    // stalled source must delay only itself.
    List<FeedPoller.Report> reports = pollWithin(p, Duration.ofMillis(2500));

    assertThat(report(reports, "rss").added()).isEqualTo(2);
    assertThat(report(reports, "slow").error()).containsIgnoringCase("timeout");
    assertThat(report(reports, "trickle").error()).containsIgnoringCase("timeout");
    assertThat(report(reports, "stalled-item").error()).isNull();
    assertThat(report(reports, "stalled-item").skips())
        .singleElement(STRING)
        .contains("/stalled.html")
        .contains("timeout");
  }

  @Test
  void anItemLinkWithASpaceIsSkippedWithoutFailingTheFeed() {
    site.put(
        "/spaces.xml",
        feed(site.url("/news/1.html"), site.url("/tin tuc/a b.html"), site.url("/news/2.html")));
    FeedPoller p = pollerOf(Duration.ofSeconds(5), source("spaces", "/spaces.xml"));

    FeedPoller.Report r = report(pollWithin(p, Duration.ofSeconds(10)), "spaces");

    assertThat(r.error()).isNull();
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.skips()).singleElement(STRING).contains("a b.html").contains("malformed link");
    SourceStatus status = status(p, "spaces");
    assertThat(status.failures()).isZero();
    assertThat(status.lastError()).isNull();
  }

  @Test
  void itemLinksToAnotherPortANonHttpSchemeOrRedirectedThereAreRefusedAndNotPublished()
      throws Exception {
    try (FakeSite internal = new FakeSite()) {
      internal.put("/secret.html", page("Bí mật", "21/11/2026", "Mật khẩu quản trị nội bộ 12345."));
      site.redirect("/go.html", internal.url("/secret.html"));
      site.put(
          "/ssrf.xml",
          feed(
              internal.url("/secret.html"),
              site.url("/go.html"),
              "file:///etc/passwd",
              "ftp://127.0.0.1/secret.html",
              "javascript:alert(1)",
              site.url("/news/1.html")));
      FeedPoller p = pollerOf(Duration.ofSeconds(5), source("ssrf", "/ssrf.xml"));

      FeedPoller.Report r = report(pollWithin(p, Duration.ofSeconds(10)), "ssrf");

      assertThat(internal.requested("/secret.html")).as("never fetched").isZero();
      assertThat(r.error()).isNull();
      assertThat(r.added()).isEqualTo(1);
      assertThat(r.skips())
          .containsExactly(
              internal.url("/secret.html")
                  + ": refused: host "
                  + internal.authority()
                  + " is neither the feed's nor one of its hosts",
              site.url("/go.html")
                  + ": refused: redirect to "
                  + internal.url("/secret.html")
                  + ": host "
                  + internal.authority()
                  + " is neither the feed's nor one of its hosts",
              "file:///etc/passwd: refused: not http(s): file",
              "ftp://127.0.0.1/secret.html: refused: not http(s): ftp",
              "javascript:alert(1): refused: not http(s): javascript");
      assertThat(app.answerer().ask("mật khẩu quản trị").answers())
          .noneMatch(a -> a.excerpt().contains("12345"));
    }
  }

  @Test
  void theSameTextUnderAnotherUrlIsSkipped() {
    site.put("/copy/1.html", page1());
    site.put("/mirror/1.html", page1());
    site.put("/dup.xml", feed(site.url("/news/1.html"), site.url("/copy/1.html")));
    FeedPoller p = pollerOf(Duration.ofSeconds(5), source("dup", "/dup.xml"));
    int before = app.store().count();

    FeedPoller.Report first = report(pollWithin(p, Duration.ofSeconds(10)), "dup");
    site.put(
        "/dup.xml",
        feed(site.url("/news/1.html"), site.url("/copy/1.html"), site.url("/mirror/1.html")));
    FeedPoller.Report second = report(pollWithin(p, Duration.ofSeconds(10)), "dup");

    assertThat(first.added()).isEqualTo(1);
    assertThat(first.skips())
        .singleElement(STRING)
        .startsWith(site.url("/copy/1.html") + ": same text as article web-");
    assertThat(second.added()).isZero();
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.skips())
        .singleElement(STRING)
        .startsWith(site.url("/mirror/1.html") + ": same text as article web-");
    assertThat(app.store().count()).isEqualTo(before + 1);
  }

  @Test
  void redirectsWithinTheSiteAndPagesOnAConfiguredHostAreFetchedButNotMoreThanFiveHops()
      throws Exception {
    try (FakeSite images = new FakeSite()) {
      images.put("/3.html", site.pages("/news/3.html"));
      site.redirect("/moved.html", "/news/2.html");
      for (int i = 1; i <= 6; i++) {
        site.redirect("/loop" + i + ".html", "/loop" + (i + 1) + ".html");
      }
      site.put("/loop7.html", site.pages("/news/1.html"));
      site.put(
          "/hosts.xml",
          feed(site.url("/moved.html"), images.url("/3.html"), site.url("/loop1.html")));
      FeedPoller p =
          pollerOf(
              Duration.ofSeconds(5),
              new FeedSettings.Source(
                  "hosts", URI.create(site.url("/hosts.xml")), null, List.of(images.authority())));

      FeedPoller.Report r = report(pollWithin(p, Duration.ofSeconds(10)), "hosts");

      assertThat(r.added()).isEqualTo(2);
      assertThat(app.store().find(FeedPoller.idFor(images.url("/3.html")))).isPresent();
      assertThat(r.skips())
          .containsExactly(site.url("/loop1.html") + ": refused: more than 5 redirects");
      assertThat(site.requested("/loop6.html")).isOne();
      assertThat(site.requested("/loop7.html")).isZero();
    }
  }

  static String page1() {
    return page(
        "Khánh thành cầu Pá Danh mới",
        "20/11/2026 09:30",
        "Sáng 20/11, thành phố Bắc Kạn khánh thành cầu Pá Danh dài 120 mét bắc qua sông Cầu.",
        "Cầu có tổng vốn đầu tư 45 tỷ đồng từ ngân sách tỉnh.");
  }
}
