package vn.backancity.bot.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import vn.backancity.bot.chat.Reply;

/**
 * How a message is stored in an outbox row: the {@link Reply} as JSON with its kind in a "type"
 * property. The kinds are declared here, as a mix-in, so that the chat core stays free of storage
 * concerns. Rows written before replies went through the outbox carry no type and are bulletins.
 */
final class OutboxPayloads {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Reply.Bulletin.class)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Reply.Text.class, name = "text"),
    @JsonSubTypes.Type(value = Reply.Answers.class, name = "answers"),
    @JsonSubTypes.Type(value = Reply.NotFound.class, name = "not-found"),
    @JsonSubTypes.Type(value = Reply.Latest.class, name = "latest"),
    @JsonSubTypes.Type(value = Reply.Bulletin.class, name = "bulletin"),
    @JsonSubTypes.Type(value = Reply.Settings.class, name = "settings"),
    @JsonSubTypes.Type(value = Reply.Preview.class, name = "preview"),
    @JsonSubTypes.Type(value = Reply.Suggestions.class, name = "suggestions"),
    @JsonSubTypes.Type(value = Reply.Choices.class, name = "choices")
  })
  private interface ReplyKinds {}

  private final ObjectReader reader;
  private final ObjectWriter writer;

  OutboxPayloads(ObjectMapper json) {
    ObjectMapper mapper =
        json.copy().addMixIn(Reply.class, ReplyKinds.class).registerModule(new JavaTimeModule());
    this.reader = mapper.readerFor(Reply.class);
    this.writer = mapper.writerFor(Reply.class);
  }

  String write(Reply message) throws JsonProcessingException {
    return writer.writeValueAsString(message);
  }

  Reply read(String payload) throws IOException {
    return reader.readValue(payload);
  }
}
