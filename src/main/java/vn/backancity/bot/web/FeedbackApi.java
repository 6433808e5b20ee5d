package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import vn.backancity.bot.questions.Feedback;
import vn.backancity.bot.questions.QuestionLog;

/**
 * {@code POST /api/feedback {"question_id":"...","vote":"up"|"down","reason":"..."}}: the web
 * chat's 👍 / 👎 on an answer. The question id is the random handle {@code /api/ask} gave with the
 * answer; one vote per answer, changeable.
 */
final class FeedbackApi {
  private final Feedback feedback;
  private final QuestionLog questions;
  private final ObjectMapper json;

  FeedbackApi(Feedback feedback, QuestionLog questions, ObjectMapper json) {
    this.feedback = feedback;
    this.questions = questions;
    this.json = json;
  }

  void handle(Context ctx) {
    JsonNode body = JsonBodies.object(ctx, json);
    long id;
    try {
      id = Long.parseLong(body.path("question_id").asText(""));
    } catch (NumberFormatException e) {
      ctx.status(400).json(Map.of("error", "field 'question_id' must be the id /api/ask gave"));
      return;
    }
    Feedback.Vote vote =
        switch (body.path("vote").asText("")) {
          case "up" -> Feedback.Vote.UP;
          case "down" -> Feedback.Vote.DOWN;
          default -> null;
        };
    if (vote == null) {
      ctx.status(400).json(Map.of("error", "field 'vote' must be \"up\" or \"down\""));
      return;
    }
    JsonNode reason = body.get("reason");
    if (reason != null && !reason.isNull() && !reason.isTextual()) {
      ctx.status(400).json(Map.of("error", "field 'reason' must be a string"));
      return;
    }
    if (reason != null && reason.asText().length() > Feedback.MAX_REASON) {
      ctx.status(400).json(Map.of("error", "field 'reason' is longer than " + Feedback.MAX_REASON));
      return;
    }
    // On the web the one who asked is the one who votes: the id itself is the proof.
    String voter = feedback.askerOf(id, AskApi.CHANNEL).orElse(null);
    if (voter == null && questions.flushIfQueued(id)) {
      // Asked a moment ago: it was still queued for the log.
      voter = feedback.askerOf(id, AskApi.CHANNEL).orElse(null);
    }
    if (voter == null || !feedback.vote(id, voter, vote, reason == null ? null : reason.asText())) {
      ctx.status(404).json(Map.of("error", "no such question: ask again"));
      return;
    }
    ctx.json(Map.of("ok", true, "vote", vote == Feedback.Vote.UP ? "up" : "down"));
  }
}
