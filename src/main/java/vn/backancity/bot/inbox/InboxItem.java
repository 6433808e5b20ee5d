package vn.backancity.bot.inbox;

/** One claimed inbound update: the body as the platform sent it, and how often it was tried. */
public record InboxItem(long id, String channel, String updateKey, String payload, int attempts) {}
