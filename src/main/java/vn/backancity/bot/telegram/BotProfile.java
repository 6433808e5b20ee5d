package vn.backancity.bot.telegram;

import java.util.List;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * How the bot presents itself in Telegram: the command menu (the "/" button), the description in an
 * empty chat and the short description on its profile, in Vietnamese for everyone and in English
 * for users whose app is in English. Set by {@code telegram set-webhook} and {@code telegram
 * set-profile}, not at every start: Telegram keeps them, and several instances starting at once
 * would only set the same thing several times.
 *
 * <p>A new command goes in {@link #COMMANDS} (names: 1-32 lower-case letters, digits or
 * underscores; descriptions 1-256 characters, checked when the class loads). Commands meant for a
 * few ({@code /thongbao}) stay out of the menu.
 */
public final class BotProfile {
  /** One menu entry: the command as typed, and what it does in each language. */
  record Command(String name, String vi, String en) {}

  static final List<Command> COMMANDS =
      List.of(
          new Command(
              "tim", "Tìm bài viết trả lời câu hỏi", "Find articles that answer a question"),
          new Command("moi", "Xem tin mới nhất", "Latest news"),
          new Command(
              "dangky",
              "Nhận bản tin mỗi sáng, hoặc theo dõi một chủ đề",
              "Daily digest every morning, or follow a topic"),
          new Command(
              "hoinguoi",
              "Gửi câu hỏi cho cán bộ thành phố",
              "Send your question to the city's staff"),
          new Command(
              "trangthai",
              "Xem câu hỏi đã gửi cán bộ (kèm mã)",
              "Status of a question sent to staff"),
          new Command("caidat", "Xem và đổi cài đặt", "See and change your settings"),
          new Command("huy", "Hủy đăng ký", "Unsubscribe"),
          new Command("help", "Hướng dẫn sử dụng", "How to use the bot"));

  static final String VI_DESCRIPTION =
      "Trợ lý tin tức của Cổng thông tin điện tử thành phố Bắc Kạn. Bạn cứ gõ câu hỏi bằng tiếng"
          + " Việt, có dấu hay không dấu đều được: tôi tìm bài viết trả lời và gửi kèm đường dẫn."
          + "\n\nGõ /dangky để nhận bản tin mỗi sáng. Ở nhóm gia đình hay tổ dân phố, gõ tên bot"
          + " (@…) rồi câu hỏi để chia sẻ câu trả lời.";
  static final String VI_ABOUT =
      "Hỏi đáp tin tức thành phố Bắc Kạn: gõ câu hỏi, nhận bài viết trả lời kèm đường dẫn.";
  static final String EN_DESCRIPTION =
      "News assistant of the Bắc Kạn city web portal. Type a question (in Vietnamese, with or"
          + " without diacritics) and get the articles that answer it, with links. The articles"
          + " are in Vietnamese.\n\n/dangky sends you a digest every morning. In any other chat,"
          + " type the bot's @name and a question to share an answer.";
  static final String EN_ABOUT =
      "Questions answered from the Bắc Kạn city portal's news articles, with links.";

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

  static {
    for (Command c : COMMANDS) {
      check(NAME.matcher(c.name()).matches(), "command name: " + c.name());
      check(fits(c.vi(), 256) && fits(c.en(), 256), "command description: " + c.name());
    }
    check(fits(VI_DESCRIPTION, 512) && fits(EN_DESCRIPTION, 512), "description over 512");
    check(fits(VI_ABOUT, 120) && fits(EN_ABOUT, 120), "short description over 120");
  }

  private BotProfile() {}

  /** Sets the menu and descriptions: Vietnamese as the default, English for "en". */
  public static void apply(TelegramGateway gateway) throws TelegramFailure {
    gateway.setProfile(null, commands(false), VI_DESCRIPTION, VI_ABOUT);
    gateway.setProfile("en", commands(true), EN_DESCRIPTION, EN_ABOUT);
  }

  static List<BotCommand> commands(boolean english) {
    return COMMANDS.stream().map(c -> new BotCommand(c.name(), english ? c.en() : c.vi())).toList();
  }

  private static boolean fits(String text, int max) {
    return !text.isBlank() && text.length() <= max;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Telegram refuses this bot profile: " + what);
    }
  }
}
