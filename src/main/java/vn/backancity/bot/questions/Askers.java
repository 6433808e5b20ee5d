package vn.backancity.bot.questions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;
import vn.backancity.bot.storage.Sha256;

/**
 * Who asked, without saying who: a keyed hash (HMAC-SHA256, 64 bits) of the channel and chat id. It
 * counts distinct people and ties a vote to its voter; without the key, which stays in the
 * database, it cannot be turned back into a chat id by trying them all.
 */
public final class Askers {
  private static final String NAME = "asker";

  private final SecretKeySpec key;
  private final Cache<String, String> recent = Caffeine.newBuilder().maximumSize(10_000).build();

  private Askers(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * The configured key, or else the one shared by every instance on the database, made on the first
   * start.
   *
   * @param configured a key from the configuration, or empty
   */
  public static Askers load(DataSource db, String configured) {
    if (!configured.isBlank()) {
      return new Askers(Sha256.bytes(configured));
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    Jdbc.update(
        db,
        "store the asker key",
        "INSERT INTO log_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        NAME,
        HexFormat.of().formatHex(fresh));
    List<String> stored =
        Jdbc.query(
            db,
            "read the asker key",
            "SELECT value FROM log_secrets WHERE name = ?",
            rs -> rs.getString(1),
            NAME);
    return new Askers(HexFormat.of().parseHex(stored.get(0)));
  }

  /** A key given directly (tests). */
  static Askers withKey(byte[] key) {
    return new Askers(key);
  }

  /** The pseudonym of a chat (or a web client) on a channel: 16 hex characters. */
  public String of(String channel, String id) {
    // Remembered (in memory only) for the clients seen often: a busy web client asks many
    // questions a minute, and an HMAC each time was a visible part of a cached answer's cost.
    return recent.get(channel + "\n" + id, this::pseudonym);
  }

  private String pseudonym(String channelAndId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(channelAndId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
