package vn.backancity.bot.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleChanges;
import vn.backancity.bot.article.ArticleChanges.Change;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.search.ArticleIndex;

/**
 * Publishing, deleting and reindexing articles on a cluster of instances that share one database
 * and each keep their own search index.
 *
 * <p>A write goes to the database only (the store records it in the change feed in the same
 * transaction); the index learns of it, like every other instance's index, by {@link #catchUp}: it
 * reads the changes after the sequence it holds and applies each article's <em>current</em> row
 * (present: add or replace; gone: remove). Applying current state makes the order within a page and
 * a change applied twice harmless. {@link #publish} and {@link #delete} catch up before returning,
 * so the instance that made a change answers from it at once; the others do within their {@link
 * ChangeFeed}'s wake-up. Every index commit drops the cached answers (all of them: the cache is
 * keyed by question, not by article).
 *
 * <p>The index is rebuilt from the database instead of caught up when it holds no sequence (new,
 * built by older code, left half-built), when the changes it needs were pruned, when it is more
 * than {@link #REBUILD_BEYOND} changes behind, and when another instance asked for a reindex (a
 * {@code reindex} marker in the feed).
 */
public final class ArticleCatalog {
  private static final Logger log = LoggerFactory.getLogger(ArticleCatalog.class);

  /** Changes read and applied per index commit (a bulk import commits once per page). */
  static final int PAGE = 2000;

  /** Further behind than this, a rebuild is cheaper than replaying the changes one by one. */
  static final long REBUILD_BEYOND = 10_000;

  private final ArticleStore store;
  private final ArticleChanges changes;
  private final ArticleIndex index;
  // One catch-up at a time: the tailer and local writers share it.
  private final ReentrantLock applying = new ReentrantLock();
  // Reindex markers this instance wrote: its own reindex rebuilds, the tailer need not.
  private final Set<Long> ownMarkers = ConcurrentHashMap.newKeySet();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong rebuilds = new AtomicLong();

  public ArticleCatalog(ArticleStore store, ArticleIndex index) {
    this.store = store;
    this.changes = store.changes();
    this.index = index;
  }

  /** Saves articles and makes them searchable here (and, through the change feed, everywhere). */
  public void publish(List<Article> batch) {
    store.upsertAll(batch);
    catchUp();
  }

  /**
   * Saves articles without waiting for this instance's index to have them: for bulk imports, which
   * call {@link #catchUp} beside (on another thread) and once at the end.
   */
  public void save(List<Article> batch) {
    store.upsertAll(batch);
  }

  /** Deletes an article everywhere; false when it did not exist. */
  public boolean delete(String id) {
    boolean deleted = store.delete(id);
    if (deleted) {
      catchUp();
    }
    return deleted;
  }

  /**
   * Rebuilds this instance's index from the database and asks every other instance to do the same
   * (a {@code reindex} marker in the change feed). Throws {@link ArticleIndex.RebuildInProgress}
   * when a rebuild already runs here.
   *
   * @return how many articles the index holds
   */
  public int reindex() {
    applying.lock(); // the tailer must not take the marker for another instance's
    try {
      ownMarkers.add(changes.recordReindex());
    } finally {
      applying.unlock();
    }
    return rebuild();
  }

  /**
   * Brings the index up to the last change in the database, rebuilding it when it cannot catch up
   * (see the class comment). Safe to call from any thread at any time.
   *
   * @return the sequence the index holds afterwards
   */
  public long catchUp() {
    applying.lock();
    try {
      while (true) {
        Step step = new Step();
        long held = index.catchUp(h -> step.read(h));
        if (step.rebuild != null) {
          log.info("Rebuilding the search index: {}", step.rebuild);
          try {
            rebuild();
          } catch (ArticleIndex.RebuildInProgress e) {
            // A reindex asked for here is running: it will do; catch up from where it ends.
          }
          continue; // then whatever came after the sequence it was built at
        }
        if (!step.full) {
          return held;
        }
      }
    } finally {
      applying.unlock();
    }
  }

  /** Changes in the database that this instance's index does not hold yet. */
  public long lag() {
    return changes.countAfter(index.sequence());
  }

  /** Changes applied to the index by catching up since start (not counting rebuilds). */
  public long applied() {
    return applied.get();
  }

  /** Rebuilds of the index since start, whatever asked for them. */
  public long rebuilds() {
    return rebuilds.get();
  }

  private int rebuild() {
    int n = index.rebuild(store::forEach, changes::latest);
    rebuilds.incrementAndGet();
    return n;
  }

  /** One page of changes, read under the index's change lock (so no rebuild can overtake it). */
  private final class Step {
    String rebuild;
    boolean full;

    ArticleIndex.Batch read(long held) {
      if (held < 0) {
        rebuild = "the index is missing, built differently or half-built";
        return null;
      }
      ownMarkers.removeIf(seq -> seq <= held);
      List<Change> page = changes.after(held, PAGE);
      if (page.isEmpty()) {
        return null;
      }
      long first = page.get(0).seq();
      if (first > held + 1 && changes.oldest() == first) {
        rebuild = "changes after " + held + " were pruned";
        return null;
      }
      full = page.size() == PAGE;
      if (full && changes.countAfter(held) > REBUILD_BEYOND) {
        rebuild = "more than " + REBUILD_BEYOND + " changes behind";
        return null;
      }
      Set<String> ids = new LinkedHashSet<>();
      for (Change c : page) {
        if (c.kind() == ArticleChanges.Kind.REINDEX) {
          if (!ownMarkers.remove(c.seq())) {
            rebuild = "another instance asked for a reindex";
            return null;
          }
        } else {
          ids.add(c.articleId());
        }
      }
      Map<String, Article> current = store.findAll(ids);
      List<Article> upserts = new ArrayList<>();
      List<String> deletes = new ArrayList<>();
      for (String id : ids) {
        Article a = current.get(id);
        if (a != null) {
          upserts.add(a);
        } else {
          deletes.add(id);
        }
      }
      applied.addAndGet(page.size());
      return new ArticleIndex.Batch(upserts, deletes, page.get(page.size() - 1).seq());
    }
  }
}
