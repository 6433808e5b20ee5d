package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.Semaphore;
import vn.backancity.bot.answer.AnswerJson;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.chat.Messages;

/**
 * {@code GET /api/ask?q=...[&limit=N]}: the answers as JSON, the same shape as the CLI's. A cached
 * answer is served at once; a new search needs one of the web's search permits, and without a free
 * one the answer is 503 with Retry-After rather than a queue that would grow with the flood.
 */
final class AskApi {
  static final int MAX_QUESTION = 1000;
  static final int MAX_LIMIT = 10;
  static final String BUSY = "Máy chủ đang bận. Bạn vui lòng hỏi lại sau giây lát.";

  private final Answerer answerer;
  private final ObjectMapper json;
  private final int defaultLimit;
  private final Semaphore searches;

  AskApi(Answerer answerer, ObjectMapper json, int defaultLimit, Semaphore searches) {
    this.answerer = answerer;
    this.json = json;
    this.defaultLimit = defaultLimit;
    this.searches = searches;
  }

  void handle(Context ctx) {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      ctx.status(400)
          .json(Map.of("error", "empty question: pass it as ?q=", "help", Messages.HELP));
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
    AnswerList list = answerer.cached(question).orElse(null);
    if (list == null) {
      if (!searches.tryAcquire()) {
        throw new RetryLaterResponse(503, BUSY, 1);
      }
      try {
        list = answerer.ask(question);
      } finally {
        searches.release();
      }
    }
    ctx.json(AnswerJson.of(json, question, list.page(0, limit)));
  }
}
