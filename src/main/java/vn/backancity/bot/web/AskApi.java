package vn.backancity.bot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Semaphore;
import vn.backancity.bot.answer.AnswerJson;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.answer.Lookup;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.questions.QuestionLog;

/**
 * {@code GET /api/ask?q=...[&limit=N]}: the answers as JSON, the same shape as the CLI's, with the
 * {@code question_id} the asker's 👍 / 👎 refers to (the question is logged). A cached or curated
 * answer is served at once; a new search needs one of the web's search permits, and without a free
 * one the answer is 503 with Retry-After rather than a queue that would grow with the flood.
 */
final class AskApi {
  static final int MAX_QUESTION = 1000;
  static final int MAX_LIMIT = 10;

  /** The channel name of web questions in the question log. */
  static final String CHANNEL = "web";

  static final String BUSY = "Máy chủ đang bận. Bạn vui lòng hỏi lại sau giây lát.";

  private final Answerer answerer;
  private final ObjectMapper json;
  private final int defaultLimit;
  private final Semaphore searches;
  private final QuestionLog questions;
  // The JSON of recent answer lists with the default limit, by identity (weak keys: gone with the
  // list): a cached answer is the same list on every ask, so its body is written once rather than
  // on each (8% of a cached ask's CPU).
  private final Cache<AnswerList, byte[]> bodies =
      Caffeine.newBuilder().weakKeys().maximumSize(4096).recordStats().build();

  AskApi(
      Answerer answerer,
      ObjectMapper json,
      int defaultLimit,
      Semaphore searches,
      QuestionLog questions) {
    this.answerer = answerer;
    this.questions = questions;
    this.json = json;
    this.defaultLimit = defaultLimit;
    this.searches = searches;
  }

  /** The kept bodies' hits and loads (a load is a body written and kept), for tests. */
  CacheStats keptBodies() {
    return bodies.stats();
  }

  /** The answers as JSON, with this asker's question (a cached list holds its first asker's). */
  private byte[] body(String question, AnswerList list, int limit) {
    try {
      ObjectNode root = AnswerJson.of(json, list, limit);
      root.put("question", question);
      // Straight to bytes: a String first would be encoded again on the way out.
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an answer as JSON", e);
    }
  }

  void handle(Context ctx) {
    Language lang = Language.of(ctx.queryParam("lang"));
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      ctx.status(400)
          .json(Map.of("error", "empty question: pass it as ?q=", "help", Messages.HELP.in(lang)));
      return;
    }
    if (q.length() > MAX_QUESTION) {
      ctx.status(400).json(Map.of("error", "question longer than " + MAX_QUESTION + " characters"));
      return;
    }
    int limit = defaultLimit;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        ctx.status(400).json(Map.of("error", "limit must be 1-" + MAX_LIMIT));
        return;
      }
    }
    String question = q.strip();
    Lookup lookup = answerer.cached(question).orElse(null);
    if (lookup == null) {
      if (searches.tryAcquire()) {
        try {
          lookup = answerer.lookup(question);
        } finally {
          searches.release();
        }
      } else {
        // No room for a search: the city's own answer needs none.
        lookup =
            answerer.curatedOnly(question).orElseThrow(() -> new RetryLaterResponse(503, BUSY, 1));
      }
    }
    AnswerList list = lookup.list();
    // The kept body says the question as the list's first asker typed it: only for the same text.
    // Only the answer cache's lists are kept: a curated or wordless list is new on every ask, and
    // its entry would never be asked for again, only push out useful ones.
    byte[] body =
        lookup.shared() && limit == defaultLimit && question.equals(list.question())
            ? bodies.get(list, l -> body(question, l, defaultLimit))
            : body(question, list, limit);
    if (!list.blank()) {
      String client = ctx.attribute(PublicRateLimit.CLIENT);
      long id = questions.submit(CHANNEL, client == null ? ctx.ip() : client, question, lookup);
      // As text: a 63-bit number does not survive a JavaScript number. Spliced into the kept
      // bytes in place of their closing brace: {..., "question_id":"..."}.
      byte[] tail = (",\"question_id\":\"" + id + "\"}").getBytes(StandardCharsets.US_ASCII);
      byte[] out = Arrays.copyOf(body, body.length - 1 + tail.length);
      System.arraycopy(tail, 0, out, body.length - 1, tail.length);
      body = out;
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(body);
  }
}
