package vn.backancity.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's @username, for telling commands addressed to it ("/tim@BacKanCityBot") from those for
 * other bots in a group: configured, or asked once with getMe (again at most once a minute while
 * that fails). Null while unknown, and commands are then taken whoever they name.
 */
public final class BotIdentity implements Supplier<String> {
  private static final Logger log = LoggerFactory.getLogger(BotIdentity.class);
  private static final Duration RETRY = Duration.ofMinutes(1);

  private final TelegramGateway gateway;
  private final Clock clock;
  private volatile String username;
  private volatile Instant nextTry = Instant.MIN;

  public BotIdentity(String configured, TelegramGateway gateway, Clock clock) {
    this.username = configured == null || configured.isBlank() ? null : configured.replace("@", "");
    this.gateway = gateway;
    this.clock = clock;
  }

  @Override
  public String get() {
    if (username == null && clock.instant().isAfter(nextTry)) {
      nextTry = clock.instant().plus(RETRY);
      try {
        username = gateway.username();
      } catch (TelegramFailure e) {
        log.warn("getMe failed, group commands are taken for any bot for now: {}", e.getMessage());
      }
    }
    return username;
  }
}
