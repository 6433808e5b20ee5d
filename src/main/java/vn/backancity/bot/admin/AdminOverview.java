package vn.backancity.bot.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.feed.SourceStatus;
import vn.backancity.bot.subscription.Subscriptions;

/** The admin page's summary: subscribers, active chats per channel, outbox rows and feeds. */
public final class AdminOverview {
  private final Subscriptions subscriptions;
  private final ChatDirectory chats;
  private final List<String> channels;
  private final Outbox outbox;
  private final Supplier<List<SourceStatus>> feeds;

  /**
   * @param channels the channels that are on
   * @param feeds the feeds' states (an empty list when none are polled)
   */
  public AdminOverview(
      Subscriptions subscriptions,
      ChatDirectory chats,
      List<String> channels,
      Outbox outbox,
      Supplier<List<SourceStatus>> feeds) {
    this.subscriptions = subscriptions;
    this.chats = chats;
    this.channels = List.copyOf(channels);
    this.outbox = outbox;
    this.feeds = feeds;
  }

  public Map<String, Object> read() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subscribers", subscriptions.activeCount());
    Map<String, Integer> active = new LinkedHashMap<>();
    for (String channel : channels) {
      active.put(channel, chats.activeCount(channel));
    }
    out.put("active_chats", active);
    out.put("channels", channels);
    out.put("outbox", outbox.statusCounts(null));
    List<Map<String, Object>> feedList = new ArrayList<>();
    for (SourceStatus f : feeds.get()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("url", f.url());
      m.put("last_success", f.lastSuccess() == null ? null : f.lastSuccess().toString());
      m.put("last_error", f.lastError());
      m.put("failures", f.failures());
      m.put("articles", f.articles());
      feedList.add(m);
    }
    out.put("feeds", feedList);
    return out;
  }
}
