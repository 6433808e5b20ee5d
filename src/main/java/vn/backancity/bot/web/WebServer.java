package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.App;
import vn.backancity.bot.admin.AdminApi;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.zalo.ZaloWebhook;

/**
 * The one Javalin setup: every route, the error mapping, and nothing else. Handlers are objects
 * built with their dependencies; the logic they call knows nothing of HTTP.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final Javalin javalin;

  /**
   * Builds the server for an app.
   *
   * @param telegram the webhook handler, or null when the Telegram channel is off
   * @param zalo the Zalo webhook handler, or null when the Zalo channel is off
   * @param admin the admin API, or null when no admin token is configured
   * @param feeds the feed poller whose state /health shows, or null
   */
  public WebServer(
      App app, TelegramWebhook telegram, ZaloWebhook zalo, AdminApi admin, FeedPoller feeds) {
    ObjectMapper json = app.json();
    AskApi ask = new AskApi(app.answerer(), json, app.settings().answersPerPage());
    ArticlePage articles = new ArticlePage(app.store());
    HealthEndpoint health =
        new HealthEndpoint(
            app.store(),
            app.index(),
            app.cache(),
            telegram != null,
            zalo != null,
            feeds == null ? List::of : feeds::statuses,
            () ->
                Map.of(
                    "inbox", app.inbox().counts(),
                    "outbox", app.outbox().statusCounts(null),
                    "replies", app.outbox().replyCounts()));
    String chatPage = resource("/web/chat.html");
    String adminPage = resource("/web/admin.html");
    NewsPage news = new NewsPage(app.store(), app.topics(), app.links(), app.clock());
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.http.maxRequestSize = app.settings().maxBodyBytes();
              config.routes.get("/", ctx -> ctx.html(chatPage));
              config.routes.get("/api/ask", ask::handle);
              config.routes.get("/articles/{id}", articles::handle);
              config.routes.get("/health", health::handle);
              config.routes.get("/tin-moi", news::handle);
              // The page holds no data: it asks for the admin token and calls the API with it.
              config.routes.get("/admin", ctx -> ctx.html(adminPage));
              if (telegram != null) {
                config.routes.post("/telegram/webhook", telegram::handle);
              } else {
                config.routes.post(
                    "/telegram/webhook",
                    ctx ->
                        ctx.status(404)
                            .json(Map.of("error", "the Telegram channel is not configured")));
              }
              if (zalo != null) {
                config.routes.post("/zalo/webhook", zalo::handle);
              } else {
                config.routes.post(
                    "/zalo/webhook",
                    ctx ->
                        ctx.status(404)
                            .json(Map.of("error", "the Zalo channel is not configured")));
              }
              if (admin != null) {
                config.routes.before("/api/admin/*", admin::authorize);
                config.routes.post("/api/admin/articles", admin::postArticles);
                config.routes.delete("/api/admin/articles/{id}", admin::deleteArticle);
                config.routes.post("/api/admin/reindex", admin::reindex);
                config.routes.post("/api/admin/announcements", admin::postAnnouncement);
                config.routes.get("/api/admin/announcements", admin::listAnnouncements);
                config.routes.get("/api/admin/announcements/{id}", admin::getAnnouncement);
                config.routes.delete("/api/admin/announcements/{id}", admin::cancelAnnouncement);
                config.routes.get("/api/admin/overview", admin::overview);
              } else {
                config.routes.before(
                    "/api/admin/*",
                    ctx -> {
                      ctx.status(404)
                          .json(Map.of("error", "the admin API is off: set ADMIN_TOKEN"));
                      ctx.skipRemainingHandlers();
                    });
              }
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(Map.of("error", "internal error"));
                  });
            });
  }

  private static String resource(String path) {
    try (InputStream in = WebServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts listening; port 0 picks a free one. */
  public WebServer start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
