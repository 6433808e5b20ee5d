package vn.backancity.bot.config;

import java.time.Duration;

/**
 * The Zalo Official Account channel. {@link #toString()} shows no secret or token.
 *
 * @param oaSecret the OA secret key that signs webhook events
 * @param appSecret the app's secret, sent when refreshing the access token
 * @param maxEventAge events with an older timestamp are refused (replays)
 * @param paidOutsideWindow send pushes outside the 48 h reply window as paid messages instead of
 *     holding them until the user writes
 * @param rate the outbox's messages per second on this channel
 */
public record ZaloSettings(
    String appId,
    String appSecret,
    String oaSecret,
    String accessToken,
    String refreshToken,
    String apiUrl,
    String oauthUrl,
    Duration maxEventAge,
    boolean paidOutsideWindow,
    double rate) {

  public boolean enabled() {
    return !appId.isBlank()
        && !oaSecret.isBlank()
        && (!accessToken.isBlank() || !refreshToken.isBlank());
  }

  @Override
  public String toString() {
    return "ZaloSettings[enabled=" + enabled() + ", apiUrl=" + apiUrl + "]";
  }
}
