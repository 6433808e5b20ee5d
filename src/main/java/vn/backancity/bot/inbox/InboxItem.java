package vn.backancity.bot.inbox;

/**
 * One claimed inbound update: the body as the platform sent it, which try this is (1: the first),
 * and when it was stored (epoch milliseconds).
 */
public record InboxItem(
    long id, String channel, String updateKey, String payload, int attempts, long receivedAt) {}
