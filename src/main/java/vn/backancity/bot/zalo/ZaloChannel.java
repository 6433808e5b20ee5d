package vn.backancity.bot.zalo;

import java.time.Duration;
import okhttp3.OkHttpClient;
import vn.backancity.bot.App;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.config.ZaloSettings;
import vn.backancity.bot.delivery.OutboxWorker;
import vn.backancity.bot.inbox.Inbox;
import vn.backancity.bot.inbox.InboxWorker;
import vn.backancity.bot.subscription.SubscriptionCommands;

/**
 * The Zalo channel's parts, built from an app: the webhook handler (events into the inbox), the
 * handler of stored events, and the outbox worker that sends replies and pushes.
 */
public record ZaloChannel(ZaloWebhook webhook, InboxWorker.Handler events, OutboxWorker worker) {
  public static final String NAME = ZaloSender.CHANNEL;

  /**
   * @param mayAct true while this instance holds Zalo's sender role
   */
  public static ZaloChannel build(
      App app,
      ChatBot bot,
      SubscriptionCommands subscriptions,
      Inbox inbox,
      String instance,
      java.util.function.BooleanSupplier mayAct) {
    ZaloSettings settings = app.settings().zalo();
    Duration deadline = ZaloGateway.deadlineFor(app.settings().delivery().lease());
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .callTimeout(deadline) // each call also gets what is left of its message's deadline
            .build();
    ZaloTokens tokens =
        new ZaloTokens(
            app.database().dataSource(), settings, http, app.json(), app.clock(), deadline);
    ZaloGateway gateway = new ZaloGateway(settings.apiUrl(), tokens, http, app.json(), deadline);
    ReplyWindows windows = new ReplyWindows(app.database().dataSource(), app.clock());
    ZaloEvents events =
        new ZaloEvents(
            bot,
            app.chats(),
            subscriptions,
            app.outbox(),
            windows,
            app.json(),
            app.settings().delivery().replyDeadline(),
            app.handoffCommands());
    ZaloWebhook webhook =
        new ZaloWebhook(
            settings.appId(),
            settings.oaSecret(),
            settings.maxEventAge(),
            app.json(),
            inbox,
            app.clock());
    OutboxWorker worker =
        new OutboxWorker(
            app.outbox(),
            new ZaloSender(gateway, windows, settings.paidOutsideWindow(), app.chats()::language),
            app.chats(),
            app.settings().delivery().withRate(settings.rate()),
            app.clock(),
            instance,
            mayAct,
            app.deliveries());
    return new ZaloChannel(webhook, events, worker);
  }
}
