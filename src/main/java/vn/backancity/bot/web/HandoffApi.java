package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.handoff.Handoff;
import vn.backancity.bot.handoff.HandoffDesk;
import vn.backancity.bot.handoff.Handoffs;

/**
 * The web chat's way to ask a person. {@code POST /api/handoff {"text":"...","question_id":"..."}}
 * sends a question to the staff and answers 201 with its lookup code; {@code GET
 * /api/handoff/{code}} tells its status and, once answered, the reply. The web has no identity, so
 * the reply is not pushed: the citizen asks for it with the code. Behind the public rate limit, and
 * one request a minute per client.
 */
final class HandoffApi {
  private final HandoffDesk desk;
  private final ObjectMapper json;

  HandoffApi(HandoffDesk desk, ObjectMapper json) {
    this.desk = desk;
    this.json = json;
  }

  void create(Context ctx) {
    Language lang = Language.of(ctx.queryParam("lang"));
    JsonNode body = JsonBodies.object(ctx, json);
    JsonNode text = body.get("text");
    if (text != null && !text.isNull() && !text.isTextual()) {
      throw new BadRequestResponse("field 'text' must be a string");
    }
    String message = text == null || text.isNull() ? "" : text.asText().strip();
    if (message.length() > HandoffDesk.MAX_MESSAGE) {
      throw new BadRequestResponse(
          "field 'text' is longer than " + HandoffDesk.MAX_MESSAGE + " characters");
    }
    Long questionId = null;
    JsonNode id = body.get("question_id");
    if (id != null && !id.isNull()) {
      try {
        questionId = Long.parseLong(id.asText(""));
      } catch (NumberFormatException e) {
        throw new BadRequestResponse("field 'question_id' must be the id /api/ask gave");
      }
    }
    String client = ctx.attribute(PublicRateLimit.CLIENT);
    HandoffDesk.Opened opened =
        desk.fromWeb(client == null ? ctx.ip() : client, message, questionId);
    switch (opened) {
      case HandoffDesk.Opened.Created c -> ctx.status(201).json(view(c.handoff()));
      case HandoffDesk.Opened.TooSoon t ->
          throw new RetryLaterResponse(
              429, Messages.HANDOFF_TOO_SOON.format(lang, t.seconds()), t.seconds());
      case HandoffDesk.Opened.Busy b ->
          throw new RetryLaterResponse(503, Messages.HANDOFF_BUSY.in(lang), 60);
      case HandoffDesk.Opened.Waiting w ->
          throw new RetryLaterResponse(
              429, Messages.HANDOFF_WAITING.format(lang, w.open(), "«trạng thái <mã>»"), 60);
      case HandoffDesk.Opened.Empty e ->
          throw new BadRequestResponse("field 'text' is required: the question for the staff");
    }
  }

  void status(Context ctx) {
    Language lang = Language.of(ctx.queryParam("lang"));
    String code = Handoffs.normalize(ctx.pathParam("code"));
    if (!Handoffs.isCode(code)) {
      throw new NotFoundResponse(Messages.HANDOFF_UNKNOWN.format(lang, shorten(code)));
    }
    Handoff h =
        desk.ofWeb(code)
            .orElseThrow(() -> new NotFoundResponse(Messages.HANDOFF_UNKNOWN.format(lang, code)));
    ctx.json(view(h));
  }

  /** What the citizen may read back: the request and the reply, nothing about anyone else. */
  private static Map<String, Object> view(Handoff h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", h.code());
    out.put("status", h.status());
    out.put("message", h.message());
    out.put("created_at", h.createdAt().toString());
    if (h.isClosed()) {
      out.put("closed_at", h.answeredAt().toString());
    } else if (!h.isOpen()) {
      out.put("answered_at", h.answeredAt().toString());
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("text", h.replyText());
      reply.put("link", h.replyLink());
      out.put("reply", reply);
    }
    return out;
  }

  private static String shorten(String code) {
    return code.length() <= 20 ? code : code.substring(0, 19) + "…";
  }
}
