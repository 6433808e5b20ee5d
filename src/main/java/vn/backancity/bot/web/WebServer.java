package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.App;
import vn.backancity.bot.admin.AdminApi;
import vn.backancity.bot.admin.EditorApi;
import vn.backancity.bot.admin.HandoffsApi;
import vn.backancity.bot.config.LimitSettings;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.metrics.HttpRequestTimer;
import vn.backancity.bot.metrics.MetricsEndpoint;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.zalo.ZaloWebhook;

/**
 * The one Javalin setup: every route, the error mapping, and nothing else. Handlers are objects
 * built with their dependencies; the logic they call knows nothing of HTTP.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final Javalin javalin;
  private final HealthEndpoint health;

  /**
   * Builds the server for an app.
   *
   * @param telegram the webhook handler, or null when the Telegram channel is off
   * @param zalo the Zalo webhook handler, or null when the Zalo channel is off
   * @param admin the admin API, or null when no admin token is configured
   * @param editor the editors' admin API (review queue, curated answers, dashboard), or null
   * @param metrics GET /metrics, or null when neither a metrics nor an admin token is configured
   * @param feeds the feed poller whose state /health shows, or null
   * @param roles the cluster roles this instance holds now, for /health
   */
  public WebServer(
      App app,
      TelegramWebhook telegram,
      ZaloWebhook zalo,
      AdminApi admin,
      EditorApi editor,
      MetricsEndpoint metrics,
      FeedPoller feeds,
      Supplier<List<String>> roles) {
    ObjectMapper json = app.json();
    AskApi ask =
        new AskApi(
            app.answerer(),
            json,
            app.settings().answersPerPage(),
            app.webSearches(),
            app.questions());
    FeedbackApi feedback = new FeedbackApi(app.feedback(), app.questions(), json);
    HandoffApi handoff = new HandoffApi(app.handoffs(), json);
    LimitSettings limits = app.settings().limits();
    PublicRateLimit rateLimit =
        new PublicRateLimit(
            new TrustedProxies(limits.trustedProxies()),
            new ClientRateLimiter(
                limits.publicPerMinute(), PublicRateLimit.MAX_CLIENTS, app.clock()));
    ArticlePage articles = new ArticlePage(app.store());
    // Article changes in the database that this instance's index does not hold yet.
    Supplier<OptionalLong> indexLag = () -> OptionalLong.of(app.catalog().lag());
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
                    "inbox_oldest_pending_s", app.inbox().oldestPendingSeconds(),
                    "outbox", app.outbox().statusCounts(null),
                    "replies", app.outbox().replyCounts()),
            roles,
            indexLag,
            new Readiness(app.database().dataSource(), indexLag));
    this.health = health;
    String chatPage = new String(Assets.resource("/web/chat.html"), StandardCharsets.UTF_8);
    String adminPage = new String(Assets.resource("/web/admin.html"), StandardCharsets.UTF_8);
    Assets assets =
        new Assets(
            Map.of(
                Assets.PAGES,
                List.of("chat.js", "chat.css", "admin.js", "admin.css", "page.css"),
                Assets.UPLOT,
                List.of("uPlot.iife.min.js", "uPlot.min.css")));
    NewsPage news = new NewsPage(app.store(), app.topics(), app.links(), app.clock());
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.http.maxRequestSize = app.settings().maxBodyBytes();
              // Every request timed once it is answered, by the route that matched.
              config.requestLogger.http(new HttpRequestTimer(app.metrics(), config.unsafe));
              // Before everything, so that error pages and unknown paths carry them too.
              config.routes.before(SecurityHeaders::apply);
              // The public routes, each request counted against its client's allowance. Not the
              // webhooks, /health, the admin API or the pages' static files.
              for (String path :
                  List.of(
                      "/",
                      "/api/ask",
                      "/api/feedback",
                      "/api/handoff",
                      "/api/handoff/{code}",
                      "/articles/{id}",
                      "/tin-moi")) {
                config.routes.before(path, rateLimit::check);
              }
              // A webhook call is read whole before anything answers it (a refusal included):
              // answering while the sender still writes its body makes the connection close
              // under it, and the sender sees a reset instead of our 401, 403 or 400.
              for (String path : List.of("/telegram/webhook", "/zalo/webhook")) {
                config.routes.before(path, ctx -> ctx.bodyAsBytes());
              }
              config.routes.get("/", ctx -> ctx.html(chatPage));
              config.routes.get("/api/ask", ask::handle);
              config.routes.post("/api/feedback", feedback::handle);
              config.routes.post("/api/handoff", handoff::create);
              config.routes.get("/api/handoff/{code}", handoff::status);
              config.routes.get("/articles/{id}", articles::handle);
              config.routes.get("/health", health::handle);
              config.routes.get("/health/live", health::live);
              config.routes.get("/health/ready", health::ready);
              config.routes.get("/tin-moi", news::handle);
              // The page holds no data: it asks for the admin token and calls the API with it.
              config.routes.get("/admin", ctx -> ctx.html(adminPage));
              config.routes.get("/assets/{file}", assets::handle);
              // Browsers ask for it on every page; there is none, and a 404 would fill the logs.
              config.routes.get("/favicon.ico", ctx -> ctx.status(204));
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
                config.routes.get("/api/admin/questions", EditorApi.badRequests(editor::questions));
                config.routes.post(
                    "/api/admin/questions/dismiss", EditorApi.badRequests(editor::dismiss));
                config.routes.post("/api/admin/answers", EditorApi.badRequests(editor::create));
                config.routes.get("/api/admin/answers", editor::list);
                config.routes.get(
                    "/api/admin/answers/export", EditorApi.badRequests(editor::export));
                config.routes.post(
                    "/api/admin/answers/import", EditorApi.badRequests(editor::importFile));
                config.routes.get("/api/admin/answers/{id}", EditorApi.badRequests(editor::get));
                config.routes.put("/api/admin/answers/{id}", EditorApi.badRequests(editor::update));
                config.routes.delete(
                    "/api/admin/answers/{id}", EditorApi.badRequests(editor::delete));
                config.routes.get("/api/admin/dashboard", EditorApi.badRequests(editor::dashboard));
                HandoffsApi handoffs = new HandoffsApi(app.handoffs(), json);
                config.routes.get("/api/admin/handoffs", handoffs::list);
                config.routes.post("/api/admin/handoffs/{code}/reply", handoffs::reply);
                config.routes.post("/api/admin/handoffs/{code}/close", handoffs::close);
              } else {
                config.routes.before(
                    "/api/admin/*",
                    ctx -> {
                      ctx.status(404)
                          .json(Map.of("error", "the admin API is off: set ADMIN_TOKEN"));
                      ctx.skipRemainingHandlers();
                    });
              }
              if (metrics != null) {
                config.routes.get("/metrics", metrics::handle);
              } else {
                config.routes.get(
                    "/metrics",
                    ctx ->
                        ctx.status(404)
                            .json(
                                Map.of(
                                    "error", "metrics are off: set METRICS_TOKEN or ADMIN_TOKEN")));
              }
              config.routes.exception(HttpResponseException.class, WebServer::httpError);
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(Map.of("error", "internal error"));
                  });
            });
  }

  /**
   * Every refusal (400, 404, 429, 503, ...) in one shape: JSON {"error"} for the API, the webhooks
   * and /health, a short Vietnamese page for everything a browser opens.
   */
  private static void httpError(HttpResponseException e, Context ctx) {
    ctx.status(e.getStatus());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    if (e instanceof RetryLaterResponse later) {
      ctx.header("Retry-After", String.valueOf(later.seconds()));
      body.put("retry_after", later.seconds());
    }
    if (!isPage(ctx.path())) {
      ctx.json(body);
    } else if (e.getStatus() == 404) {
      ctx.html(
          Pages.layout(
              "Không tìm thấy trang",
              "<h1>Không tìm thấy trang</h1><p>Trang này không tồn tại."
                  + " <a href=\"/\">Về trang hỏi đáp</a></p>"));
    } else {
      ctx.html(
          Pages.layout(
              "Chưa xem được trang",
              "<h1>Chưa xem được trang</h1><p>"
                  + Html.escape(e.getMessage())
                  + "</p><p><a href=\"/\">Về trang hỏi đáp</a></p>"));
    }
  }

  /** Whether a path is one a browser opens as a page, rather than a JSON endpoint. */
  static boolean isPage(String path) {
    return !(path.startsWith("/api/")
        || path.equals("/health")
        || path.startsWith("/health/")
        || path.equals("/metrics")
        || path.startsWith("/telegram/")
        || path.startsWith("/zalo/"));
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
    health.close();
  }
}
