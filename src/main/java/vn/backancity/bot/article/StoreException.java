package vn.backancity.bot.article;

/** A database operation on articles failed; the cause says why. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
