package vn.backancity.bot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.handoff.Handoff;
import vn.backancity.bot.handoff.HandoffDesk;

/**
 * The staff's side of asking a person, behind the admin token: {@code GET
 * /api/admin/handoffs?status=open|answered} lists the requests (code, channel, the platform's
 * display name, the message, the conversation's last questions and answers, the reply); {@code POST
 * /api/admin/handoffs/{code}/reply {"text","link","save_as_curated"}} answers one. No chat id or
 * other identifier of the citizen ever appears here.
 */
public final class HandoffsApi {
  static final int MAX_LIMIT = 200;

  private final HandoffDesk desk;
  private final ObjectMapper json;

  public HandoffsApi(HandoffDesk desk, ObjectMapper json) {
    this.desk = desk;
    this.json = json;
  }

  public void list(Context ctx) {
    String status = ctx.queryParamAsClass("status", String.class).getOrDefault(Handoff.OPEN);
    if (!status.equals(Handoff.OPEN)
        && !status.equals(Handoff.ANSWERED)
        && !status.equals(Handoff.CLOSED)) {
      throw new BadRequestResponse(
          "parameter 'status' must be \"open\", \"answered\" or \"closed\"");
    }
    int limit = 50;
    String given = ctx.queryParam("limit");
    if (given != null) {
      try {
        limit = Integer.parseInt(given);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new BadRequestResponse("parameter 'limit' must be a number from 1 to " + MAX_LIMIT);
      }
    }
    List<Map<String, Object>> out =
        desk.list(status, limit).stream().map(HandoffsApi::view).toList();
    ctx.json(Map.of("handoffs", out));
  }

  /**
   * POST /api/admin/handoffs/{code}/close: closes an open request without a reply (spam, a
   * duplicate); 200 with the request, 404 unknown, 409 when it is no longer open.
   */
  public void close(Context ctx) {
    String code = ctx.pathParam("code");
    if (desk.close(code)) {
      ctx.json(view(desk.find(code).orElseThrow()));
      return;
    }
    if (desk.find(code).isEmpty()) {
      ctx.status(404).json(Map.of("error", "no request " + code));
    } else {
      ctx.status(409).json(Map.of("error", "request " + code + " is no longer open"));
    }
  }

  public void reply(Context ctx) {
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (Exception e) {
      throw new BadRequestResponse("malformed JSON");
    }
    if (body == null || !body.isObject()) {
      throw new BadRequestResponse("the body must be a JSON object");
    }
    String text = string(body, "text");
    String link = string(body, "link");
    JsonNode save = body.get("save_as_curated");
    if (save != null && !save.isNull() && !save.isBoolean()) {
      throw new BadRequestResponse("field 'save_as_curated' must be true or false");
    }
    HandoffDesk.Answered answered;
    try {
      answered = desk.reply(ctx.pathParam("code"), text, link, save != null && save.asBoolean());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    switch (answered) {
      case HandoffDesk.Answered.Done d -> {
        Map<String, Object> out = view(d.handoff());
        out.put("delivery", d.delivered() ? "queued" : "on request");
        ctx.json(out);
      }
      case HandoffDesk.Answered.NoSuchRequest n ->
          throw new NotFoundResponse("no request with code " + ctx.pathParam("code"));
      case HandoffDesk.Answered.AlreadyAnswered a ->
          throw new ConflictResponse("request " + a.handoff().code() + " is already answered");
    }
  }

  private static String string(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRequestResponse("field '" + field + "' must be a string");
    }
    return value.asText();
  }

  /** A request as the staff see it: no chat id, no pseudonym. */
  static Map<String, Object> view(Handoff h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", h.code());
    out.put("channel", h.channel());
    out.put("display_name", h.displayName());
    out.put("message", h.message());
    out.put(
        "context",
        h.context().stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("question", e.question());
                  m.put("answered", e.answered());
                  m.put("answers", e.answers());
                  return m;
                })
            .toList());
    out.put("status", h.status());
    out.put("created_at", h.createdAt().toString());
    out.put("answered_at", h.answeredAt() == null ? null : h.answeredAt().toString());
    if (!h.isOpen()) {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("text", h.replyText());
      reply.put("link", h.replyLink());
      reply.put("curated_id", h.curatedId());
      out.put("reply", reply);
    }
    return out;
  }
}
