package vn.backancity.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** The JSON object a public POST route takes; anything else is a 400 saying so. */
final class JsonBodies {
  private JsonBodies() {}

  static JsonNode object(Context ctx, ObjectMapper json) {
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (Exception e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new BadRequestResponse("the body must be a JSON object");
    }
    return body;
  }
}
