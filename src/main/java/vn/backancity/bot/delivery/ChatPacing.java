package vn.backancity.bot.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-chat spacing: one message per {@code perChat} to a private chat, {@code groupPerMinute} a
 * minute to a group. Remembers only chats written to in the last minutes.
 */
final class ChatPacing {
  private final long privateGap;
  private final long groupGap;
  private final LongSupplier ticker;
  private final Cache<String, Long> nextAllowed =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).build();

  ChatPacing(Duration perChat, int groupPerMinute, LongSupplier ticker) {
    this.privateGap = perChat.toNanos();
    this.groupGap = Duration.ofMinutes(1).toNanos() / groupPerMinute;
    this.ticker = ticker;
  }

  /**
   * A message to the chat was answered: its next slot is a whole gap from now, so that two messages
   * never reach the platform closer than the gap, however long the first took.
   */
  synchronized void answered(String chatId, boolean group) {
    long after = ticker.getAsLong() + (group ? groupGap : privateGap);
    Long allowed = nextAllowed.getIfPresent(chatId);
    if (allowed == null || allowed < after) {
      nextAllowed.put(chatId, after);
    }
  }

  /** Nanoseconds between two messages to one chat of this kind. */
  long gap(boolean group) {
    return group ? groupGap : privateGap;
  }

  /**
   * Takes the chat's next slot when it is free now and returns 0; otherwise returns the nanoseconds
   * until it is, and takes nothing.
   */
  synchronized long tryTake(String chatId, boolean group) {
    long now = ticker.getAsLong();
    Long allowed = nextAllowed.getIfPresent(chatId);
    if (allowed != null && allowed > now) {
      return allowed - now;
    }
    nextAllowed.put(chatId, now + (group ? groupGap : privateGap));
    return 0;
  }
}
