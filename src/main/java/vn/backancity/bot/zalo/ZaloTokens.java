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

/**
 * The OA's access and refresh tokens, kept in the database. The access token is refreshed shortly
 * before it expires and when Zalo rejects it (-216), one refresh at a time: Zalo's refresh token is
 * single-use, so the new pair is stored (replacing the old one only if it is still the one we
 * spent) before the new access token is used. Token values are never logged.
 *
 * <p>Every method takes the caller's {@link Deadline}: waiting for another thread's refresh and the
 * refresh call itself end with it.
 */
final class ZaloTokens {
  private static final Logger log = LoggerFactory.getLogger(ZaloTokens.class);
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

  /** An access token from the configuration has no known expiry: assume this much is left. */
  static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  private final DataSource db;
  private final ZaloSettings settings;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final Clock clock;

  /** One refresh at a time; waited for no longer than the caller's deadline. */
  private final ReentrantLock refreshing = new ReentrantLock();

  private record Pair(String access, String refresh, long expiresAt) {}

  ZaloTokens(
      DataSource db, ZaloSettings settings, OkHttpClient http, ObjectMapper json, Clock clock) {
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

  private Pair refresh(Pair old, Deadline by) throws IOException {
    if (old.refresh().isEmpty()) {
      throw new IOException("Zalo access token expired and no refresh token is configured");
    }
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
    call.timeout().timeout(by.nanosLeft(), TimeUnit.NANOSECONDS);
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
      // Maybe another instance spent the refresh token first and stored the new pair.
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
    if (!store(fresh, old.refresh())) {
      return load(); // another instance stored its pair first; ours is already spent or equal
    }
    log.info("Zalo access token refreshed; valid for {} s", expiresIn);
    return fresh;
  }

  private void seed() {
    String sql =
        "INSERT INTO zalo_tokens (id, access_token, refresh_token, expires_at, updated_at)"
            + " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    long now = clock.millis();
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, settings.accessToken());
      st.setString(2, settings.refreshToken());
      st.setLong(3, settings.accessToken().isEmpty() ? 0 : now + ASSUMED_LIFETIME.toMillis());
      st.setLong(4, now);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the Zalo tokens", e);
    }
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
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE zalo_tokens SET access_token = ?, refresh_token = ?, expires_at = ?,"
                    + " updated_at = ? WHERE id = 1 AND refresh_token = ?")) {
      st.setString(1, fresh.access());
      st.setString(2, fresh.refresh());
      st.setLong(3, fresh.expiresAt());
      st.setLong(4, clock.millis());
      st.setString(5, spentRefresh);
      return st.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the refreshed Zalo tokens", e);
    }
  }
}
