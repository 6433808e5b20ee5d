package vn.backancity.bot.config;

import java.time.Duration;

/**
 * The question log ({@code questions.*}).
 *
 * @param retention how long questions and votes are kept
 * @param askerKey the key of the askers' pseudonyms, or empty to let the service make one and keep
 *     it in the database (then whoever has a copy of the database can link questions to chats)
 */
public record QuestionSettings(Duration retention, String askerKey) {
  @Override
  public String toString() {
    return "QuestionSettings[retention="
        + retention
        + ", askerKey="
        + (askerKey.isEmpty() ? "" : "***")
        + "]";
  }
}
