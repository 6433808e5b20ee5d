package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.Articles;

/** How the index is built: what each field keeps, and analysis fed from every core. */
class ArticleIndexBuildTest {
  @TempDir Path dir;

  @Test
  void positionsAreKeptOnlyWhereTopicPhrasesAreMatched() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      index.rebuild(
          sink -> sink.accept(Articles.titled("a", "Khánh thành cầu Bắc Kạn mới")), () -> 1);
      assertThat(index.newest(List.of("cầu Bắc Kạn"), List.of(), 5))
          .extracting(Article::id)
          .containsExactly("a");
      assertThat(index.newest(List.of("Bắc Kạn cầu"), List.of(), 5)).isEmpty();
    }
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      FieldInfos fields = FieldInfos.getMergedFieldInfos(reader);
      for (String field :
          List.of(
              ArticleIndex.TITLE_C,
              ArticleIndex.BODY_C,
              ArticleIndex.TITLE_B,
              ArticleIndex.BODY_B,
              ArticleIndex.CAPTION_B)) {
        assertThat(fields.fieldInfo(field).getIndexOptions())
            .as(field + " is searched term by term only")
            .isEqualTo(IndexOptions.DOCS_AND_FREQS);
      }
      for (String field : List.of(ArticleIndex.TITLE_F, ArticleIndex.BODY_F)) {
        assertThat(fields.fieldInfo(field).getIndexOptions())
            .as(field + " is matched by phrase")
            .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
      }
    }
  }

  @Test
  void aRebuildIsAnalyzedOnSeveralThreadsAndHoldsEveryArticle() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    java.util.concurrent.CountDownLatch twoFeeders = new java.util.concurrent.CountDownLatch(2);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      articles.add(Articles.titled("a" + i, "Tin số " + i + " về lễ hội mùa thu ở Bắc Kạn"));
    }
    int n =
        ParallelFeed.<Article>run(
            4,
            articles::forEach,
            a -> {
              // Each feeder waits at its first article for another one to start: work that is
              // handed out to several threads meets there; work done on one thread would not.
              if (threads.add(Thread.currentThread().getName())) {
                twoFeeders.countDown();
                await(twoFeeders);
              }
            });
    assertThat(n).isEqualTo(2000);
    assertThat(threads)
        .as("work ran on the feeders, not the source's thread")
        .hasSizeGreaterThan(1);

    // A small buffer: the feeders flush many segments, as 50,000 real articles do with 64 MB.
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"), 0.25)) {
      assertThat(index.rebuild(sink -> articles.forEach(sink), () -> 7)).isEqualTo(2000);
      assertThat(index.size()).isEqualTo(2000);
      assertThat(index.isCurrent(7)).isTrue();
      assertThat(index.newest(List.of("tin số 1234"), List.of(), 5))
          .extracting(Article::id)
          .containsExactly("a1234");
    }
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(reader.leaves())
          .as("the feeders' segments are merged: a question looks its terms up in few")
          .hasSizeLessThanOrEqualTo(ArticleIndex.SEGMENTS_AFTER_REBUILD);
    }
  }

  /** Regression: with slow feeders and a full queue, the end of the source dropped items. */
  @Test
  void slowFeedersLoseNothingAndFinish() {
    Set<Integer> done = ConcurrentHashMap.newKeySet();
    int n =
        ParallelFeed.<Integer>run(
            2,
            sink -> {
              for (int i = 0; i < 150; i++) {
                sink.accept(i);
              }
            },
            i -> {
              java.util.concurrent.locks.LockSupport.parkNanos(60_000_000);
              done.add(i);
            });
    assertThat(n).isEqualTo(150);
    assertThat(done).hasSize(150);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aFeederThatFailsStopsTheSourceAndItsErrorIsThrown() {
    AtomicInteger given = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ParallelFeed.<Integer>run(
                    2,
                    sink -> {
                      for (int i = 0; i < 1_000_000; i++) {
                        given.incrementAndGet();
                        sink.accept(i);
                      }
                    },
                    i -> {
                      if (i == 10) {
                        throw new java.io.IOException("disk full");
                      }
                    }))
        .hasMessageContaining("disk full");
    assertThat(given.get()).as("the source stopped soon after").isLessThan(10_000);
  }
}
