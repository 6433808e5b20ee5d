package vn.backancity.bot.chat;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The languages the bot speaks its own texts in. Vietnamese is the default; the articles, and so
 * the answers' content, are Vietnamese whatever the chat's language.
 */
public enum Language {
  VI("vi"),
  EN("en");

  private final String code;
  private final ResourceBundle bundle;

  Language(String code) {
    this.code = code;
    // No fallback to the JVM's default locale: a machine set to English must not make the
    // Vietnamese base bundle English. messages_vi does not exist, so VI reads the base bundle.
    this.bundle =
        ResourceBundle.getBundle(
            "i18n.messages",
            Locale.forLanguageTag(code),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The code stored in {@code chats.language} and used by the web chat: "vi", "en". */
  public String code() {
    return code;
  }

  ResourceBundle bundle() {
    return bundle;
  }

  /** A stored or requested code; null, blank or unknown codes are Vietnamese. */
  public static Language of(String code) {
    return code != null && code.strip().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
  }

  /**
   * The chat's language: its explicit choice when it made one, else what the platform says of the
   * user (Telegram's {@code language_code}: "en", "en-GB" mean English, anything else Vietnamese).
   */
  public static Language effective(String chosen, String platformCode) {
    return chosen != null ? of(chosen) : of(platformCode);
  }
}
