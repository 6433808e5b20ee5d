package vn.backancity.bot.admin;

import java.util.Map;

/**
 * An admin's message to many chats.
 *
 * @param status draft (waiting for "Gửi"), scheduled, sending, done or cancelled
 * @param recipients how many chats it was queued for (null until it is)
 * @param counts outbox rows per status: queued (includes those being sent), sent, failed, blocked,
 *     held, cancelled
 * @param byChannel the same counts per channel
 * @param urgent sent ahead of other pushes, through quiet hours, marked "THÔNG BÁO KHẨN"
 */
public record Announcement(
    long id,
    String text,
    String link,
    String audience,
    long sendAt,
    Long expiresAt,
    String status,
    String createdBy,
    long createdAt,
    Integer recipients,
    Map<String, Integer> counts,
    Map<String, Map<String, Integer>> byChannel,
    boolean urgent) {}
