package vn.backancity.bot.telegram;

/**
 * A Bot API call that failed: the API's error code (0 when the call never got an answer), its
 * description without the token, and the seconds to wait on 429.
 */
public final class TelegramFailure extends Exception {
  private final int code;
  private final Integer retryAfter;

  TelegramFailure(int code, String description, Integer retryAfter) {
    super(description);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public int code() {
    return code;
  }

  public Integer retryAfter() {
    return retryAfter;
  }

  /** 403: blocked by the user, user deactivated, or the bot was kicked from the group. */
  public boolean chatGone() {
    return code == 403;
  }
}
