package vn.backancity.bot.inbox;

/**
 * One claimed inbound update: the body as the platform sent it, and which try this is (1: the
 * first).
 */
public record InboxItem(long id, String channel, String updateKey, String payload, int attempts) {}
