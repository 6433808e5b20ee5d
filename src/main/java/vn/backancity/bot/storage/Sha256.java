package vn.backancity.bot.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text, in lower-case hex: for keys and ids made from values of any length. */
public final class Sha256 {
  private Sha256() {}

  /** The hash of {@code text}'s UTF-8 bytes ("null" for null), 64 hex digits. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(bytes(text));
  }

  /** The hash of {@code text}'s UTF-8 bytes ("null" for null), 32 bytes. */
  public static byte[] bytes(String text) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
