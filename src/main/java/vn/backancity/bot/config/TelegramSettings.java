package vn.backancity.bot.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Telegram channel's settings. {@link #toString()} never shows the token or the secret.
 *
 * @param webhookSecret the secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; when blank,
 *     one is derived from the token so that the server and {@code telegram set-webhook} agree
 */
public record TelegramSettings(
    String token, String webhookSecret, String apiUrl, String botUsername) {

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
    return "TelegramSettings[enabled=" + enabled() + ", apiUrl=" + apiUrl + "]";
  }
}
