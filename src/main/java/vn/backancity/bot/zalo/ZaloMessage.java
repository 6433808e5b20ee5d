package vn.backancity.bot.zalo;

import java.util.List;

/**
 * One Zalo consultation message: its text, and the buttons under it (none for most). A button is a
 * query button: pressing it sends {@code payload} back to the OA as if the user had typed it, so
 * the typed words and the buttons go through the same path.
 */
record ZaloMessage(String text, List<Button> buttons) {
  /** Zalo shows at most five buttons under a message. */
  static final int MAX_BUTTONS = 5;

  static final int MAX_TITLE = 100;
  static final int MAX_PAYLOAD = 1000;

  ZaloMessage {
    buttons = List.copyOf(buttons);
    if (buttons.size() > MAX_BUTTONS) {
      throw new IllegalArgumentException(
          "at most " + MAX_BUTTONS + " buttons, not " + buttons.size());
    }
  }

  ZaloMessage(String text) {
    this(text, List.of());
  }

  /**
   * A query button ({@code oa.query.show}: the payload appears in the chat as the user's message;
   * {@code oa.query.hide}: it is sent without being shown).
   */
  record Button(String title, String type, String payload) {
    static final String SHOW = "oa.query.show";
    static final String HIDE = "oa.query.hide";

    Button {
      if (title.isBlank() || title.length() > MAX_TITLE) {
        throw new IllegalArgumentException("button title of 1-" + MAX_TITLE + " characters");
      }
      if (payload.isBlank() || payload.length() > MAX_PAYLOAD) {
        throw new IllegalArgumentException("button payload of 1-" + MAX_PAYLOAD + " characters");
      }
      if (!type.equals(SHOW) && !type.equals(HIDE)) {
        throw new IllegalArgumentException("not a query button: " + type);
      }
    }

    /** A button that says {@code words} for the user, as typed. */
    static Button says(String title, String words) {
      return new Button(title, SHOW, words);
    }
  }
}
