package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import vn.backancity.bot.answer.AnswerJson;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.chat.Messages;

/** {@code GET /api/ask?q=...[&limit=N]}: the answers as JSON, the same shape as the CLI's. */
final class AskApi {
  static final int MAX_QUESTION = 1000;
  static final int MAX_LIMIT = 10;

  private final Answerer answerer;
  private final ObjectMapper json;
  private final int defaultLimit;

  AskApi(Answerer answerer, ObjectMapper json, int defaultLimit) {
    this.answerer = answerer;
    this.json = json;
    this.defaultLimit = defaultLimit;
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
    AnswerList list = answerer.ask(question);
    ctx.json(AnswerJson.of(json, question, list.page(0, limit)));
  }
}
