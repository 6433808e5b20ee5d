package vn.backancity.bot.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This instance's name, stable across restarts: kept in its data folder, which no two running
 * instances share (the search index there is locked by the one that has it open). Claims on inbox
 * and outbox rows carry it, so that a restart can take back at once what a crash of the same
 * instance left claimed, instead of waiting for the leases to run out.
 */
public final class InstanceId {
  private InstanceId() {}

  /** The id stored in {@code dataDir}, made on first use. */
  public static String of(Path dataDir) {
    Path file = dataDir.resolve("instance-id");
    try {
      if (Files.isRegularFile(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (id.matches("[a-z0-9]{8,32}")) {
          return id;
        }
      }
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      Files.createDirectories(dataDir);
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}
