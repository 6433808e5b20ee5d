package vn.backancity.bot.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Digests and topic alerts: the time zone days and times of day are counted in, the default digest
 * time, how many articles a digest lists, how often a topic may alert a chat, how old an article
 * may be to be announced at all, and how often the scheduler looks.
 */
public record DigestSettings(
    ZoneId zone,
    LocalTime defaultTime,
    int maxItems,
    Duration alertEvery,
    Duration maxAge,
    Duration tick) {}
