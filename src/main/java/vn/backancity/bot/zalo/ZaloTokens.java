package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.config.ZaloSettings;

/**
 * The OA's access and refresh tokens, kept in the database. The access token is refreshed shortly
 * before it expires and when Zalo rejects it (-216), one refresh at a time: Zalo's refresh token is
 * single-use, so the new pair is stored (replacing the old one only if it is still the one we
 * spent) before the new access token is used. Token values are never logged.
 */
final class ZaloTokens {
  private static final Logger log = LoggerFactory.getLogger(ZaloTokens.class);
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

  /** An access token from the configuration has no known expiry: assume this much is left. */
  static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  private final DataSource db;
  private final ZaloSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Clock clock;

  private record Pair(String access, String refresh, long expiresAt) {}

  ZaloTokens(
      DataSource db, ZaloSettings settings, HttpClient http, ObjectMapper json, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.http = http;
    this.json = json;
    this.clock = clock;
    seed();
  }

  /** A usable access token, refreshed first when it is about to expire. */
  synchronized String current() throws IOException {
    Pair p = load();
    if (p.access().isEmpty() || p.expiresAt() - clock.millis() < REFRESH_BEFORE.toMillis()) {
      return refresh(p).access();
    }
    return p.access();
  }

  /**
   * Zalo said {@code rejected} is invalid: refresh, unless another thread or instance already
   * replaced it, in which case the newer token is returned.
   */
  synchronized String afterRejection(String rejected) throws IOException {
    Pair p = load();
    if (!p.access().equals(rejected) && !p.access().isEmpty()) {
      return p.access();
    }
    return refresh(p).access();
  }

  private Pair refresh(Pair old) throws IOException {
    if (old.refresh().isEmpty()) {
      throw new IOException("Zalo access token expired and no refresh token is configured");
    }
    String form =
        "refresh_token="
            + URLEncoder.encode(old.refresh(), StandardCharsets.UTF_8)
            + "&app_id="
            + URLEncoder.encode(settings.appId(), StandardCharsets.UTF_8)
            + "&grant_type=refresh_token";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.oauthUrl() + "/v4/oa/access_token"))
            .timeout(Duration.ofSeconds(20))
            .header("secret_key", settings.appSecret())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while refreshing the Zalo token", e);
    }
    JsonNode body = json.readTree(response.body());
    String access = body.path("access_token").asText("");
    String refresh = body.path("refresh_token").asText("");
    if (response.statusCode() != 200 || access.isEmpty() || refresh.isEmpty()) {
      // Maybe another instance spent the refresh token first and stored the new pair.
      Pair now = load();
      if (!now.refresh().equals(old.refresh())) {
        return now;
      }
      log.error(
          "Zalo token refresh failed: HTTP {}, error {} {}",
          response.statusCode(),
          body.path("error").asText("?"),
          body.path("error_description").asText(body.path("message").asText("")));
      throw new IOException("Zalo token refresh failed (HTTP " + response.statusCode() + ")");
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
