package vn.backancity.bot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.storage.Database;

/** Lookup codes: unique, drawn again when taken, without look-alike characters. */
class HandoffsTest {
  @TempDir Path dir;

  /** Draws 0 for the first twelve characters (the same code twice), then 1. */
  static final class Colliding implements RandomGenerator {
    int drawn;

    @Override
    public int nextInt(int bound) {
      return drawn++ < 12 ? 0 : 1;
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aTakenCodeIsDrawnAgainAndCodesAvoidLookAlikes() {
    try (Database db = Database.sqlite(dir.resolve("codes.db"))) {
      Recipient chat = new Recipient("telegram", "42", "private");
      Handoffs colliding =
          new Handoffs(db.dataSource(), App.jsonMapper(), Clock.systemUTC(), new Colliding());
      Duration none = Duration.ZERO; // no minimum interval here
      Handoff first =
          colliding
              .insert(none, chat, "telegram", "p1", null, "Câu hỏi một", List.of())
              .orElseThrow();
      Handoff second =
          colliding
              .insert(none, chat, "telegram", "p1", null, "Câu hỏi hai", List.of())
              .orElseThrow();
      assertThat(first.code()).isEqualTo("AAAAAA");
      assertThat(second.code()).isEqualTo("BBBBBB");
      assertThat(colliding.find("AAAAAA").orElseThrow().message()).isEqualTo("Câu hỏi một");

      Handoffs random =
          new Handoffs(db.dataSource(), App.jsonMapper(), Clock.systemUTC(), new SecureRandom());
      Set<String> codes = new HashSet<>();
      for (int i = 0; i < 300; i++) {
        codes.add(
            random
                .insert(Duration.ZERO, null, "web", "p" + i, null, "Câu hỏi", List.of())
                .orElseThrow()
                .code());
      }
      assertThat(codes).hasSize(300).allMatch(c -> c.matches("[A-HJKMNP-Z2-9]{6}"));
    }
    assertThat(Handoffs.normalize(" bk7-q2m ")).isEqualTo("BK7Q2M");
    assertThat(Handoffs.isCode("BK7Q2M")).isTrue();
    assertThat(Handoffs.isCode("BK0Q2M")).as("0 is not in the alphabet").isFalse();
    assertThat(Handoffs.isCode("BK7Q2")).isFalse();
  }
}
