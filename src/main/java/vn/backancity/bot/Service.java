package vn.backancity.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.admin.AdminApi;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.SeenUpdates;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.delivery.OutboxWorker;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.feed.FeedScheduler;
import vn.backancity.bot.subscription.DigestScheduler;
import vn.backancity.bot.subscription.SubscriptionCommands;
import vn.backancity.bot.telegram.BotIdentity;
import vn.backancity.bot.telegram.TelegramGateway;
import vn.backancity.bot.telegram.TelegramSender;
import vn.backancity.bot.telegram.TelegramUpdates;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.web.WebServer;
import vn.backancity.bot.zalo.ZaloChannel;
import vn.backancity.bot.zalo.ZaloWebhook;

/**
 * The running service: the web server and the chat channels behind it, the outbox workers that send
 * pushes, and the scheduler of digests, alerts and announcements, built from an open {@link App}.
 * Closing it stops taking requests, then lets queued work finish.
 */
public final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);
  static final int WORKERS = 8;
  static final int QUEUE = 10_000;

  static final java.time.Duration FIRST_POLL = java.time.Duration.ofSeconds(10);

  private final WebServer web;
  private final ThreadPoolExecutor workers;
  private final FeedScheduler feedScheduler;
  private final List<OutboxWorker> senders;
  private final ScheduledExecutorService pushClock;

  private Service(
      WebServer web,
      ThreadPoolExecutor workers,
      FeedScheduler feedScheduler,
      List<OutboxWorker> senders,
      ScheduledExecutorService pushClock) {
    this.web = web;
    this.workers = workers;
    this.feedScheduler = feedScheduler;
    this.senders = senders;
    this.pushClock = pushClock;
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
    SubscriptionCommands subscriptions = new SubscriptionCommands(app.subscriptions());
    TelegramSettings telegram = app.settings().telegram();
    TelegramWebhook webhook = null;
    List<OutboxWorker> senders = new ArrayList<>();
    if (telegram.enabled()) {
      TelegramGateway gateway = new TelegramGateway(telegram, app.json());
      TelegramUpdates updates =
          new TelegramUpdates(
              bot,
              app.chats(),
              subscriptions,
              app.announcements(),
              app.outbox(),
              telegram.adminIds(),
              app.clock(),
              gateway,
              new BotIdentity(telegram.botUsername(), gateway, app.clock()));
      webhook =
          new TelegramWebhook(
              telegram.effectiveSecret(),
              app.json(),
              new SeenUpdates(app.database().dataSource(), app.clock()),
              updates,
              workers);
      boolean paid = app.settings().delivery().rate() > 30;
      senders.add(
          new OutboxWorker(
              app.outbox(),
              new TelegramSender(gateway, paid),
              app.chats(),
              app.settings().delivery(),
              app.clock()));
      log.info("Telegram channel on: POST /telegram/webhook, Bot API at {}", telegram.apiUrl());
    } else {
      log.info("Telegram channel off: TELEGRAM_BOT_TOKEN is not set (web chat and CLI work)");
    }
    FeedPoller feeds = null;
    FeedScheduler feedScheduler = null;
    if (!app.settings().feeds().sources().isEmpty()) {
      feeds = app.feedPoller();
      feedScheduler = new FeedScheduler(feeds, FIRST_POLL);
      log.info("Polling {} feeds", app.settings().feeds().sources().size());
    }
    ZaloWebhook zalo = null;
    if (app.settings().zalo().enabled()) {
      ZaloChannel channel = ZaloChannel.build(app, bot, subscriptions, workers);
      zalo = channel.webhook();
      senders.add(channel.worker());
      log.info(
          "Zalo channel on: POST /zalo/webhook, OpenAPI at {}", app.settings().zalo().apiUrl());
    } else {
      log.info(
          "Zalo channel off: set ZALO_APP_ID, ZALO_OA_SECRET and ZALO_ACCESS_TOKEN or"
              + " ZALO_REFRESH_TOKEN to turn it on");
    }
    AdminApi admin = null;
    if (app.settings().adminEnabled()) {
      admin =
          new AdminApi(
              app.settings().adminToken(), app, feeds == null ? List::of : feeds::statuses);
    } else {
      log.info("Admin API off: ADMIN_TOKEN is not set");
    }
    WebServer web =
        new WebServer(app, webhook, zalo, admin, feeds).start(host, app.settings().port());
    senders.forEach(OutboxWorker::start);
    ScheduledExecutorService pushClock = startPushClock(app);
    log.info(
        "Listening on http://{}:{}/ (public URL {})", host, web.port(), app.settings().publicUrl());
    return new Service(web, workers, feedScheduler, senders, pushClock);
  }

  /** Digests, topic alerts and scheduled announcements, looked at every digest.tick. */
  private static ScheduledExecutorService startPushClock(App app) {
    DigestScheduler digests = app.digestScheduler();
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-clock").daemon().factory());
    long tick = app.settings().digest().tick().toMillis();
    clock.scheduleWithFixedDelay(
        () -> {
          try {
            app.announcements().startDue();
            digests.tick();
          } catch (RuntimeException e) {
            log.error("Scheduled pushes failed; trying again next tick", e);
          }
        },
        Math.min(tick, 2000),
        tick,
        TimeUnit.MILLISECONDS);
    return clock;
  }

  public int port() {
    return web.port();
  }

  @Override
  public void close() {
    pushClock.shutdownNow();
    if (feedScheduler != null) {
      feedScheduler.close();
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
    senders.forEach(OutboxWorker::close);
  }
}
