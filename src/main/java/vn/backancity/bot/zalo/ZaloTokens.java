package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.config.ZaloSettings;
import vn.backancity.bot.storage.Jdbc;

/**
 * The OA's access and refresh tokens, kept in the database. The access token is refreshed shortly
 * before it expires and when Zalo rejects it (-216), once for the whole cluster: Zalo's refresh
 * token is single-use, so spending it on two instances loses the pair.
 *
 * <p>One refresh at a time: within this process a lock; across instances a claim on the tokens'
 * row, taken with a conditional UPDATE ({@code refreshing_until} in the past) and held only for the
 * refresh call, never a database lock held across the network. The claim runs until the call's
 * deadline plus {@link #CLAIM_MARGIN} (for clock skew between instances), so it cannot run out
 * while its call may still be spending the token, and a claim left by a crashed instance runs out
 * on its own. The others poll the row until the new pair is stored (or the claim runs out, and they
 * claim it themselves), within their own deadline. The new pair is stored (replacing the old one
 * only if it is still the one spent) before the new access token is used. Token values are never
 * logged.
 *
 * <p>Every method takes the caller's {@link Deadline}: waiting for another thread's or instance's
 * refresh and the refresh call itself end with it.
 */
final class ZaloTokens {
  private static final Logger log = LoggerFactory.getLogger(ZaloTokens.class);
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

  /** An access token from the configuration has no known expiry: assume this much is left. */
  static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  /** Added to a refresh claim beyond its call's deadline: clocks of instances differ a little. */
  static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

  /** At most this long for one refresh call (see {@link #refreshBudget}). */
  static final Duration MAX_REFRESH_BUDGET = Duration.ofSeconds(10);

  /** How often an instance waiting for another's refresh looks at the stored pair. */
  static final Duration POLL = Duration.ofMillis(50);

  private final DataSource db;
  private final ZaloSettings settings;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final Clock clock;

  /** One refresh at a time; waited for no longer than the caller's deadline. */
  private final ReentrantLock refreshing = new ReentrantLock();

  private record Pair(String access, String refresh, long expiresAt) {}

  /**
   * The refresh call's own time, whatever is left of the message that needed it: Zalo spends the
   * single-use refresh token when it receives the call, so a call cut short by a nearly spent
   * message deadline would lose the new pair (and the channel, until someone grants it again).
   */
  private final Duration refreshBudget;

  /**
   * @param messageDeadline the time one message is given; a refresh gets as much (at most {@link
   *     #MAX_REFRESH_BUDGET}), not what is left of it
   */
  ZaloTokens(
      DataSource db,
      ZaloSettings settings,
      OkHttpClient http,
      ObjectMapper json,
      Clock clock,
      Duration messageDeadline) {
    this.refreshBudget =
        messageDeadline.compareTo(MAX_REFRESH_BUDGET) < 0 ? messageDeadline : MAX_REFRESH_BUDGET;
    this.db = db;
    this.settings = settings;
    this.http = http;
    this.json = json;
    this.clock = clock;
    seed();
  }

  /** A usable access token, refreshed first when it is about to expire. */
  String current(Deadline by) throws IOException {
    lock(by);
    try {
      Pair p = load();
      if (p.access().isEmpty() || p.expiresAt() - clock.millis() < REFRESH_BEFORE.toMillis()) {
        return refresh(p, by).access();
      }
      return p.access();
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Zalo said {@code rejected} is invalid: refresh, unless another thread or instance already
   * replaced it, in which case the newer token is returned.
   */
  String afterRejection(String rejected, Deadline by) throws IOException {
    lock(by);
    try {
      Pair p = load();
      if (!p.access().equals(rejected) && !p.access().isEmpty()) {
        return p.access();
      }
      return refresh(p, by).access();
    } finally {
      refreshing.unlock();
    }
  }

  private void lock(Deadline by) throws InterruptedIOException {
    try {
      if (!refreshing.tryLock(by.nanosLeft(), TimeUnit.NANOSECONDS)) {
        throw new InterruptedIOException(by.expired() + " (waiting for a token refresh)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a token refresh");
    }
  }

  /**
   * Refreshes {@code old} once for the cluster: claims the refresh and calls Zalo, or waits for the
   * instance that holds the claim to store the new pair.
   */
  private Pair refresh(Pair old, Deadline by) throws IOException {
    if (old.refresh().isEmpty()) {
      throw new IOException("Zalo access token expired and no refresh token is configured");
    }
    String claim = UUID.randomUUID().toString();
    while (true) {
      long claimFor = refreshBudget.plus(CLAIM_MARGIN).toMillis();
      if (claim(old.refresh(), claim, claimFor)) {
        try {
          return call(old);
        } finally {
          release(claim); // a no-op after a stored pair, which cleared the claim
        }
      }
      Pair now = load();
      if (!now.refresh().equals(old.refresh())) {
        return now; // another instance refreshed and stored the new pair
      }
      pause(by);
    }
  }

  /** Waits a little for another instance's refresh, no longer than the deadline. */
  private static void pause(Deadline by) throws InterruptedIOException {
    long left = by.nanosLeft();
    try {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a token refresh");
    }
    if (by.nanoTime() - System.nanoTime() <= 0) {
      throw new InterruptedIOException(
          by.expired() + " (waiting for another instance's token refresh)");
    }
  }

  /** The refresh call itself, made while holding the claim, within {@link #refreshBudget}. */
  private Pair call(Pair old) throws IOException {
    FormBody form =
        new FormBody.Builder()
            .add("refresh_token", old.refresh())
            .add("app_id", settings.appId())
            .add("grant_type", "refresh_token")
            .build();
    Request request =
        new Request.Builder()
            .url(settings.oauthUrl() + "/v4/oa/access_token")
            .header("secret_key", settings.appSecret())
            .post(form)
            .build();
    Call call = http.newCall(request);
    call.timeout().timeout(refreshBudget.toNanos(), TimeUnit.NANOSECONDS);
    int status;
    String answer;
    try (Response response = call.execute()) {
      status = response.code();
      answer = response.body().string();
    }
    JsonNode body = json.readTree(answer);
    String access = body.path("access_token").asText("");
    String refresh = body.path("refresh_token").asText("");
    if (status != 200 || access.isEmpty() || refresh.isEmpty()) {
      // Maybe the pair was replaced meanwhile (a claim that ran out, an older instance without
      // claims): then the stored pair is the one to use.
      Pair now = load();
      if (!now.refresh().equals(old.refresh())) {
        return now;
      }
      log.error(
          "Zalo token refresh failed: HTTP {}, error {} {}",
          status,
          body.path("error").asText("?"),
          body.path("error_description").asText(body.path("message").asText("")));
      throw new IOException("Zalo token refresh failed (HTTP " + status + ")");
    }
    long expiresIn = body.path("expires_in").asLong(90_000); // Zalo sends it as a string
    Pair fresh = new Pair(access, refresh, clock.millis() + expiresIn * 1000);
    boolean stored;
    try {
      stored = storeWithRetry(fresh, old.refresh());
    } catch (RuntimeException e) {
      // The old refresh token is spent and the new pair is only in memory: say so loudly (never
      // the token values), and use it while this process lives.
      log.error(
          "Zalo gave a new token pair but it could not be stored; it is used until this process"
              + " stops, then the OA must be granted again if the database is still unreachable",
          e);
      return fresh;
    }
    if (!stored) {
      // Another instance stored its pair first (only if our claim ran out): ours is spent or equal.
      return load();
    }
    log.info("Zalo access token refreshed; valid for {} s", expiresIn);
    return fresh;
  }

  /** Stores the new pair, trying again for a few seconds when the database does not answer. */
  private boolean storeWithRetry(Pair fresh, String oldRefresh) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return store(fresh, oldRefresh);
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(500L << attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw last;
  }

  private void seed() {
    long now = clock.millis();
    Jdbc.update(
        db,
        "store the Zalo tokens",
        "INSERT INTO zalo_tokens (id, access_token, refresh_token, expires_at, updated_at)"
            + " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        settings.accessToken(),
        settings.refreshToken(),
        settings.accessToken().isEmpty() ? 0L : now + ASSUMED_LIFETIME.toMillis(),
        now);
  }

  private Pair load() {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT access_token, refresh_token, expires_at FROM zalo_tokens WHERE id = 1");
        ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no Zalo tokens stored");
      }
      return new Pair(rs.getString(1), rs.getString(2), rs.getLong(3));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the Zalo tokens", e);
    }
  }

  private boolean store(Pair fresh, String spentRefresh) {
    return Jdbc.update(
            db,
            "store the refreshed Zalo tokens",
            "UPDATE zalo_tokens SET access_token = ?, refresh_token = ?, expires_at = ?,"
                + " updated_at = ?, refreshing_until = 0, refreshing_by = ''"
                + " WHERE id = 1 AND refresh_token = ?",
            fresh.access(),
            fresh.refresh(),
            fresh.expiresAt(),
            clock.millis(),
            spentRefresh)
        == 1;
  }

  /**
   * Claims the refresh of the stored pair for {@code millis}: true when no other claim on it is
   * running, false when another instance refreshes it (or has already replaced it).
   */
  private boolean claim(String refresh, String claim, long millis) {
    long now = clock.millis();
    return Jdbc.update(
            db,
            "claim the Zalo token refresh",
            "UPDATE zalo_tokens SET refreshing_until = ?, refreshing_by = ?"
                + " WHERE id = 1 AND refresh_token = ? AND refreshing_until < ?",
            now + millis,
            claim,
            refresh,
            now)
        == 1;
  }

  /** Gives a claim up (the call failed), so that another caller may try at once. */
  private void release(String claim) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE zalo_tokens SET refreshing_until = 0, refreshing_by = ''"
                    + " WHERE id = 1 AND refreshing_by = ?")) {
      st.setString(1, claim);
      st.executeUpdate();
    } catch (SQLException e) {
      // The claim runs out on its own.
      log.warn("Cannot release the Zalo token refresh claim: {}", e.getMessage());
    }
  }
}
