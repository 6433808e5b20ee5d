package vn.backancity.bot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.admin.AdminApi;
import vn.backancity.bot.admin.AdminOverview;
import vn.backancity.bot.admin.Dashboard;
import vn.backancity.bot.admin.EditorApi;
import vn.backancity.bot.article.ArticleChanges;
import vn.backancity.bot.catalog.ChangeFeed;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.cluster.DatabaseClock;
import vn.backancity.bot.cluster.Leases;
import vn.backancity.bot.cluster.Role;
import vn.backancity.bot.config.InboxSettings;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.curated.CuratedFiles;
import vn.backancity.bot.curated.DraftReader;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.OutboxWorker;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.feed.FeedScheduler;
import vn.backancity.bot.inbox.InboxWorker;
import vn.backancity.bot.metrics.MetricsEndpoint;
import vn.backancity.bot.questions.QuestionStats;
import vn.backancity.bot.questions.ReviewQueue;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.storage.InstanceId;
import vn.backancity.bot.storage.Notifications;
import vn.backancity.bot.subscription.DigestScheduler;
import vn.backancity.bot.subscription.SubscriptionCommands;
import vn.backancity.bot.subscription.TopicPreview;
import vn.backancity.bot.telegram.BotIdentity;
import vn.backancity.bot.telegram.TelegramGateway;
import vn.backancity.bot.telegram.TelegramSender;
import vn.backancity.bot.telegram.TelegramUpdates;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.web.WebServer;
import vn.backancity.bot.zalo.ZaloChannel;
import vn.backancity.bot.zalo.ZaloWebhook;

/**
 * The running service: the web server and the chat channels behind it, the inbox workers that
 * handle stored updates, the outbox workers that send replies and pushes, and the scheduler of
 * digests, alerts and announcements, built from an open {@link App}. Closing it stops taking
 * requests, then lets claimed work finish; what is left stays in the tables for the next start.
 */
public final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);

  static final java.time.Duration FIRST_POLL = java.time.Duration.ofSeconds(10);

  private final WebServer web;
  private final InboxWorker inbox;
  private final FeedScheduler feedScheduler;
  private final List<OutboxWorker> senders;
  private final ScheduledExecutorService timers;
  private final List<Role> roles;
  private final ChangeFeed changes;
  private final Notifications wakeups;

  private Service(
      ChangeFeed changes,
      Notifications wakeups,
      WebServer web,
      InboxWorker inbox,
      FeedScheduler feedScheduler,
      List<OutboxWorker> senders,
      ScheduledExecutorService timers,
      List<Role> roles) {
    this.changes = changes;
    this.wakeups = wakeups;
    this.web = web;
    this.inbox = inbox;
    this.feedScheduler = feedScheduler;
    this.senders = senders;
    this.timers = timers;
    this.roles = roles;
  }

  /** Builds and starts the service on the settings' port (0: any free port). */
  public static Service start(App app, String host) {
    return start(app, host, app.settings().inbox().workers());
  }

  /**
   * As {@link #start(App, String)}, with {@code inboxThreads} handling inbound updates (one makes
   * their order deterministic, for tests).
   */
  public static Service start(App app, String host, int inboxThreads) {
    String instance = InstanceId.of(app.settings().dataDir());
    // First, so that articles changed through other instances are searchable here from now on.
    ChangeFeed changes = new ChangeFeed(app.catalog(), ChangeFeed.POLL).start();
    // Wake-ups from the other instances: an article changed, a reply or push was queued (on
    // PostgreSQL; otherwise the workers poll).
    Notifications wakeups =
        new Notifications(
                app.database().dataSource(),
                Map.of(
                    ArticleChanges.CHANNEL, changes::wake,
                    Outbox.REPLY_CHANNEL, app.outbox()::replyQueued,
                    Outbox.PUSH_CHANNEL, app.outbox()::pushQueued,
                    Outbox.URGENT_CHANNEL, app.outbox()::urgentQueued))
            .start(app.database().vendor());
    // Lease times in one clock for the whole cluster: the database's, on a shared PostgreSQL.
    Leases leases =
        new Leases(
            app.database().dataSource(),
            app.database().vendor() == Database.Vendor.POSTGRESQL
                ? new DatabaseClock(app.database().dataSource())
                : app.clock());
    java.time.Duration ttl = app.settings().roleLease();
    List<Role> roles = new ArrayList<>();
    app.questions().start();
    ChatBot bot = app.chatBot();
    SubscriptionCommands subscriptions =
        new SubscriptionCommands(
            app.subscriptions(),
            TopicPreview.of(app.index(), app.topics(), app.links()),
            (chat, lang) -> app.chats().chooseLanguage(chat.channel(), chat.chatId(), lang));
    TelegramSettings telegram = app.settings().telegram();
    TelegramWebhook webhook = null;
    List<OutboxWorker> senders = new ArrayList<>();
    Map<String, InboxWorker.Handler> handlers = new HashMap<>();
    if (telegram.enabled()) {
      TelegramGateway gateway = new TelegramGateway(telegram, app.json());
      TelegramUpdates updates =
          new TelegramUpdates(
              bot,
              app.chats(),
              app.pagedQuestions(),
              subscriptions,
              app.announcements(),
              app.outbox(),
              telegram.adminIds(),
              app.clock(),
              gateway,
              new BotIdentity(telegram.botUsername(), gateway, app.clock()),
              app.json(),
              app.settings().delivery().replyDeadline(),
              app.handoffCommands());
      handlers.put(TelegramUpdates.CHANNEL, updates);
      webhook = new TelegramWebhook(telegram.effectiveSecret(), app.json(), app.inbox());
      boolean paid = app.settings().delivery().rate() > 30;
      Role sender = new Role("sender:telegram", instance, ttl, leases, app.outbox()::pushQueued);
      OutboxWorker worker =
          new OutboxWorker(
              app.outbox(),
              new TelegramSender(gateway, paid, app.chats()::language),
              app.chats(),
              app.settings().delivery(),
              app.clock(),
              instance,
              sender::held,
              app.deliveries());
      senders.add(worker);
      roles.add(sender);
      log.info("Telegram channel on: POST /telegram/webhook, Bot API at {}", telegram.apiUrl());
    } else {
      log.info("Telegram channel off: TELEGRAM_BOT_TOKEN is not set (web chat and CLI work)");
    }
    FeedPoller feeds = null;
    FeedScheduler feedScheduler = null;
    if (!app.settings().feeds().sources().isEmpty()) {
      feeds = app.feedPoller();
      Role poller = new Role("feeds", instance, ttl, leases, () -> {});
      roles.add(poller);
      feedScheduler =
          new FeedScheduler(feeds, FIRST_POLL, app.settings().feeds().interval(), poller::held);
      log.info("Polling {} feeds", app.settings().feeds().sources().size());
    }
    ZaloWebhook zalo = null;
    if (app.settings().zalo().enabled()) {
      Role sender = new Role("sender:zalo", instance, ttl, leases, app.outbox()::pushQueued);
      roles.add(sender);
      ZaloChannel channel =
          ZaloChannel.build(app, bot, subscriptions, app.inbox(), instance, sender::held);
      zalo = channel.webhook();
      handlers.put(ZaloChannel.NAME, channel.events());
      senders.add(channel.worker());
      log.info(
          "Zalo channel on: POST /zalo/webhook, OpenAPI at {}", app.settings().zalo().apiUrl());
    } else {
      log.info(
          "Zalo channel off: set ZALO_APP_ID, ZALO_OA_SECRET and ZALO_ACCESS_TOKEN or"
              + " ZALO_REFRESH_TOKEN to turn it on");
    }
    AdminApi admin = null;
    EditorApi editor = null;
    if (app.settings().adminEnabled()) {
      ReviewQueue queue = new ReviewQueue(app.database().dataSource(), app.clock());
      DraftReader drafts = new DraftReader(app.curated(), app.clock());
      editor =
          new EditorApi(
              app.json(),
              queue,
              app.curated(),
              drafts,
              new CuratedFiles(app.curated(), drafts, app.json()),
              app.store(),
              app.links(),
              new Dashboard(
                  new QuestionStats(
                      app.database().dataSource(), app.clock(), app.settings().digest().zone()),
                  app.feedback(),
                  queue,
                  app.subscriptions(),
                  app.outbox(),
                  app.channels()));
      admin =
          new AdminApi(
              app.settings().adminToken(),
              app.json(),
              app.clock(),
              app.catalog(),
              app.announcements(),
              new AdminOverview(
                  app.subscriptions(),
                  app.chats(),
                  app.channels(),
                  app.outbox(),
                  feeds == null ? List::of : feeds::statuses));
    } else {
      log.info("Admin API off: ADMIN_TOKEN is not set");
    }
    MetricsEndpoint metrics = null;
    if (app.settings().metricsEnabled()) {
      metrics = new MetricsEndpoint(app.settings().metricsToken(), app.prometheus());
    } else {
      log.info("Metrics off: set METRICS_TOKEN or ADMIN_TOKEN to serve GET /metrics");
    }
    InboxSettings in = app.settings().inbox();
    InboxWorker inbox =
        new InboxWorker(
                app.inbox(),
                handlers,
                new InboxWorker.Settings(
                    inboxThreads, in.lease(), in.maxAttempts(), app.settings().delivery().poll()),
                app.clock(),
                instance)
            .start();
    Role scheduler = new Role("scheduler", instance, ttl, leases, () -> {});
    roles.add(scheduler);
    roles.forEach(Role::start);
    senders.forEach(OutboxWorker::start);
    WebServer web =
        new WebServer(app, webhook, zalo, admin, editor, metrics, feeds, () -> heldRoles(roles))
            .start(host, app.settings().port());
    ScheduledExecutorService timers = startTimers(app, scheduler);
    log.info(
        "Listening on http://{}:{}/ (public URL {}, instance {})",
        host,
        web.port(),
        app.settings().publicUrl(),
        instance);
    return new Service(changes, wakeups, web, inbox, feedScheduler, senders, timers, roles);
  }

  /**
   * Digests, topic alerts and scheduled announcements, looked at every digest.tick; housekeeping of
   * the inbox and outbox every few minutes.
   */
  private static ScheduledExecutorService startTimers(App app, Role scheduler) {
    DigestScheduler digests = app.digestScheduler();
    ScheduledExecutorService timers =
        Executors.newScheduledThreadPool(
            1, Thread.ofPlatform().name("push-clock").daemon().factory());
    long tick = app.settings().digest().tick().toMillis();
    timers.scheduleWithFixedDelay(
        () -> {
          try {
            if (!scheduler.held()) {
              return; // another instance schedules; this one takes over if it dies
            }
            app.announcements().startDue();
            digests.tick();
          } catch (RuntimeException e) {
            log.error("Scheduled pushes failed; trying again next tick", e);
          }
        },
        Math.min(tick, 2000),
        tick,
        TimeUnit.MILLISECONDS);
    Housekeeping housekeeping =
        new Housekeeping(
                app.inbox(),
                app.outbox(),
                app.pagedQuestions(),
                app.store().changes(),
                app.questions(),
                app.settings().inbox().retention(),
                app.settings().delivery().retention(),
                app.settings().questions().retention(),
                app.clock())
            .withHandoffs(app.handoffs());
    timers.scheduleWithFixedDelay(
        () -> {
          try {
            housekeeping.run();
          } catch (RuntimeException e) {
            log.error("Housekeeping failed; trying again later", e);
          }
        },
        5_000,
        Housekeeping.EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return timers;
  }

  public int port() {
    return web.port();
  }

  /** The cluster roles this instance holds now ("sender:telegram", "scheduler", ...). */
  public List<String> heldRoles() {
    return heldRoles(roles);
  }

  private static List<String> heldRoles(List<Role> roles) {
    return roles.stream().filter(Role::held).map(Role::name).toList();
  }

  /**
   * Stops taking requests first, then the timers and the feed poller, then lets the inbox workers
   * finish what they hold (what they do not finish stays pending for the next start), then the
   * outbox workers send what they claimed; the change feed last (answers are read till the end).
   */
  @Override
  public void close() {
    web.close();
    timers.shutdownNow();
    if (feedScheduler != null) {
      feedScheduler.close();
    }
    inbox.close();
    wakeups.close();
    senders.forEach(OutboxWorker::close);
    roles.forEach(Role::close);
    changes.close();
  }
}
