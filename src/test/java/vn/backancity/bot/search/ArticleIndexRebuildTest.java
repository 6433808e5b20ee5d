package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.Articles;

/**
 * One rebuild at a time; a change made while it runs waits and is applied on top (not lost, and no
 * commit in between marks a half-built index as current).
 */
class ArticleIndexRebuildTest {
  @TempDir Path dir;

  static Article article(String id, String title) {
    return Articles.titled(id, title);
  }

  @Test
  void aSecondRebuildIsRefusedAndAChangeDuringARebuildIsAppliedAfterIt() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      CountDownLatch midway = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      CompletableFuture<Integer> rebuild =
          CompletableFuture.supplyAsync(
              () ->
                  index.rebuild(
                      sink -> {
                        sink.accept(article("a", "Khánh thành cầu Bắc Kạn"));
                        midway.countDown();
                        await(finish);
                        sink.accept(article("b", "Lễ hội mùa thu"));
                      },
                      () -> 2));
      assertThat(midway.await(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> index.rebuild(sink -> {}, () -> 2))
          .isInstanceOf(ArticleIndex.RebuildInProgress.class);
      CompletableFuture<Void> change =
          CompletableFuture.runAsync(
              () -> index.upsertAll(List.of(article("c", "Hội chợ nông sản")), 3));
      Thread.sleep(200);
      assertThat(change).as("the change waits for the rebuild").isNotDone();
      assertThat(index.isCurrent(2)).as("nothing half-built is committed").isFalse();

      finish.countDown();
      assertThat(rebuild.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      change.get(10, TimeUnit.SECONDS);

      assertThat(index.size()).as("a, b from the rebuild and c after it").isEqualTo(3);
      assertThat(index.isCurrent(3)).isTrue();
    }
  }

  @Test
  void aRebuildThatFailsHalfWayIsNeverMarkedCurrent() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      index.rebuild(sink -> sink.accept(article("a", "Khánh thành cầu")), () -> 1);
      assertThat(index.isCurrent(1)).isTrue();

      assertThatThrownBy(
              () ->
                  index.rebuild(
                      sink -> {
                        sink.accept(article("a", "Khánh thành cầu"));
                        throw new IllegalStateException("the database went away");
                      },
                      () -> 2))
          .hasMessageContaining("went away");
      index.upsertAll(List.of(article("b", "Lễ hội")), 3);

      assertThat(index.isCurrent(3)).as("the next start rebuilds it").isFalse();
      index.rebuild(sink -> sink.accept(article("a", "Khánh thành cầu")), () -> 3);
      assertThat(index.isCurrent(3)).isTrue();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
