package vn.backancity.bot.telegram;

import java.util.Locale;

/**
 * A bot command as typed: "/tim nông thôn mới" or, in groups, "/tim@BacKanCityBot nông thôn mới".
 *
 * @param name lower case, without the slash
 * @param target the bot it is addressed to, or null
 * @param argument the rest of the text, stripped
 */
record TelegramCommand(String name, String target, String argument) {

  /** The command in a message text, or null when the text is not a command. */
  static TelegramCommand parse(String text) {
    if (text == null || !text.startsWith("/") || text.length() < 2) {
      return null;
    }
    String[] parts = text.substring(1).split("\\s+", 2);
    String head = parts[0];
    String target = null;
    int at = head.indexOf('@');
    if (at >= 0) {
      target = head.substring(at + 1);
      head = head.substring(0, at);
    }
    if (head.isEmpty()) {
      return null;
    }
    return new TelegramCommand(
        head.toLowerCase(Locale.ROOT), target, parts.length > 1 ? parts[1].strip() : "");
  }

  boolean addressedTo(String botUsername) {
    return target == null || botUsername == null || target.equalsIgnoreCase(botUsername);
  }
}
