package vn.backancity.bot;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.admin.AdminApi;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.SeenUpdates;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.feed.FeedScheduler;
import vn.backancity.bot.telegram.BotIdentity;
import vn.backancity.bot.telegram.TelegramGateway;
import vn.backancity.bot.telegram.TelegramUpdates;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.web.WebServer;

/**
 * The running service: the web server and the chat channels behind it, built from an open {@link
 * App}. Closing it stops taking requests, then lets queued updates finish.
 */
public final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);
  static final int WORKERS = 8;
  static final int QUEUE = 10_000;

  static final java.time.Duration FIRST_POLL = java.time.Duration.ofSeconds(10);

  private final WebServer web;
  private final ThreadPoolExecutor workers;
  private final FeedScheduler scheduler;

  private Service(WebServer web, ThreadPoolExecutor workers, FeedScheduler scheduler) {
    this.web = web;
    this.workers = workers;
    this.scheduler = scheduler;
  }

  /** Builds and starts the service on the settings' port (0: any free port). */
  public static Service start(App app, String host) {
    return start(app, host, WORKERS);
  }

  /**
   * As {@link #start(App, String)}, with {@code workerThreads} handling chat updates (one makes
   * their order deterministic, for tests).
   */
  public static Service start(App app, String host, int workerThreads) {
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            workerThreads, workerThreads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE));
    ChatBot bot =
        new ChatBot(app.answerer(), app.store(), app.links(), app.settings().answersPerPage());
    ChatDirectory chats = new ChatDirectory(app.database().dataSource(), app.clock());
    TelegramSettings telegram = app.settings().telegram();
    TelegramWebhook webhook = null;
    if (telegram.enabled()) {
      TelegramGateway gateway = new TelegramGateway(telegram, app.json());
      TelegramUpdates updates =
          new TelegramUpdates(
              bot, chats, gateway, new BotIdentity(telegram.botUsername(), gateway, app.clock()));
      webhook =
          new TelegramWebhook(
              telegram.effectiveSecret(),
              app.json(),
              new SeenUpdates(app.database().dataSource(), app.clock()),
              updates,
              workers);
      log.info("Telegram channel on: POST /telegram/webhook, Bot API at {}", telegram.apiUrl());
    } else {
      log.info("Telegram channel off: TELEGRAM_BOT_TOKEN is not set (web chat and CLI work)");
    }
    AdminApi admin = null;
    if (app.settings().adminEnabled()) {
      admin = new AdminApi(app.settings().adminToken(), app);
    } else {
      log.info("Admin API off: ADMIN_TOKEN is not set");
    }
    FeedPoller feeds = null;
    FeedScheduler scheduler = null;
    if (!app.settings().feeds().sources().isEmpty()) {
      feeds = app.feedPoller();
      scheduler = new FeedScheduler(feeds, FIRST_POLL);
      log.info("Polling {} feeds", app.settings().feeds().sources().size());
    }
    WebServer web = new WebServer(app, webhook, admin, feeds).start(host, app.settings().port());
    log.info(
        "Listening on http://{}:{}/ (public URL {})", host, web.port(), app.settings().publicUrl());
    return new Service(web, workers, scheduler);
  }

  public int port() {
    return web.port();
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    web.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
