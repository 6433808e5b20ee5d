package vn.backancity.bot.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The Telegram channel's settings. {@link #toString()} never shows the token or the secret.
 *
 * @param webhookSecret the secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; when blank,
 *     one is derived from the token so that the server and {@code telegram set-webhook} agree
 */
public record TelegramSettings(
    String token, String webhookSecret, String apiUrl, String botUsername, Set<Long> adminIds) {

  public TelegramSettings {
    adminIds = adminIds == null ? Set.of() : Set.copyOf(adminIds);
  }

  /** Parses ADMIN_TELEGRAM_IDS: user ids separated by commas or spaces. */
  public static Set<Long> parseIds(String ids) {
    Set<Long> out = new java.util.TreeSet<>();
    for (String id : ids.split("[,\\s]+")) {
      if (!id.isBlank()) {
        try {
          out.add(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("ADMIN_TELEGRAM_IDS: not a Telegram user id: " + id);
        }
      }
    }
    return out;
  }

  public boolean enabled() {
    return token != null && !token.isBlank();
  }

  /** The secret token in force: the configured one, else derived from the bot token. */
  public String effectiveSecret() {
    if (webhookSecret != null && !webhookSecret.isBlank()) {
      return webhookSecret;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("backan-bot webhook:" + token).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "TelegramSettings[enabled="
        + enabled()
        + ", apiUrl="
        + apiUrl
        + ", admins="
        + adminIds.size()
        + "]";
  }
}
