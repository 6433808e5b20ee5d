package vn.backancity.bot.delivery;

/** A chat on a channel, with its kind (private, group, supergroup, channel). */
public record Recipient(String channel, String chatId, String kind) {}
