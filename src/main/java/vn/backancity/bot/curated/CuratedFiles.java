package vn.backancity.bot.curated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.article.PublishedDates;

/**
 * Curated answers as files: JSON lines (one answer per line, the API's shape plus {@code id}) and
 * CSV with the columns {@code id,questions,text,link,expires_at}, the question variants one per
 * line inside their cell. An import is checked whole first: one bad row refuses it, naming the row,
 * and nothing is changed. A row with the id of an existing answer replaces it; others are added.
 */
public final class CuratedFiles {
  public static final int MAX_ROWS = 10_000;
  private static final CsvSchema CSV =
      CsvSchema.builder()
          .addColumn("id")
          .addColumn("questions")
          .addColumn("text")
          .addColumn("link")
          .addColumn("expires_at")
          .setUseHeader(true)
          .build();

  /** One refused row: its number (1-based, the header not counted) and why. */
  public record RowError(int row, String error) {}

  /** What an import did, or why it did nothing ({@code errors} not empty). */
  public record Imported(int created, int updated, List<RowError> errors) {}

  private final CuratedAnswers answers;
  private final DraftReader reader;
  private final ObjectMapper json;
  private final CsvMapper csv = new CsvMapper();

  public CuratedFiles(CuratedAnswers answers, DraftReader reader, ObjectMapper json) {
    this.answers = answers;
    this.reader = reader;
    this.json = json;
  }

  public String exportJsonLines() {
    StringBuilder out = new StringBuilder();
    for (CuratedAnswer a : answers.list()) {
      ObjectNode node = toJson(a);
      out.append(node).append('\n');
    }
    return out.toString();
  }

  /** One answer as the API shows it. */
  public ObjectNode toJson(CuratedAnswer a) {
    ObjectNode node = json.createObjectNode();
    node.put("id", a.id());
    node.putPOJO("questions", a.questions());
    node.put("text", a.text());
    node.put("link", a.link());
    node.put("expires_at", a.expiresAt() == null ? null : format(a.expiresAt()));
    node.put("created_at", a.createdAt().toString());
    node.put("updated_at", a.updatedAt().toString());
    return node;
  }

  public String exportCsv() {
    StringWriter out = new StringWriter();
    try (var writer = csv.writer(CSV).writeValues(out)) {
      for (CuratedAnswer a : answers.list()) {
        writer.write(
            new String[] {
              String.valueOf(a.id()),
              String.join("\n", a.questions()),
              a.text(),
              a.link() == null ? "" : a.link(),
              a.expiresAt() == null ? "" : format(a.expiresAt())
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public Imported importJsonLines(String body) {
    List<JsonNode> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        rows.add(json.readTree(lines[i]));
      } catch (IOException e) {
        errors.add(new RowError(i + 1, "malformed JSON"));
        rows.add(null);
      }
    }
    return apply(rows, errors);
  }

  public Imported importCsv(String body) {
    List<JsonNode> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        csv.readerFor(Map.class).with(CSV.withColumnReordering(true)).readValues(body)) {
      while (it.hasNext()) {
        Map<String, String> row = it.next();
        ObjectNode node = json.createObjectNode();
        node.put("id", row.get("id"));
        var questions = node.putArray("questions");
        String cell = row.getOrDefault("questions", "");
        for (String q : (cell == null ? "" : cell).split("\\R")) {
          if (!q.isBlank()) {
            questions.add(q.strip());
          }
        }
        node.put("text", row.get("text"));
        node.put("link", row.get("link"));
        node.put("expires_at", row.get("expires_at"));
        rows.add(node);
        if (rows.size() > MAX_ROWS) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      return new Imported(0, 0, List.of(new RowError(rows.size() + 1, "malformed CSV")));
    }
    return apply(rows, new ArrayList<>());
  }

  private Imported apply(List<JsonNode> rows, List<RowError> errors) {
    if (rows.size() > MAX_ROWS) {
      return new Imported(0, 0, List.of(new RowError(MAX_ROWS + 1, "more than " + MAX_ROWS)));
    }
    List<Long> ids = new ArrayList<>();
    List<CuratedAnswer.Draft> drafts = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (row == null) {
        continue; // already refused as malformed
      }
      try {
        ids.add(id(row.get("id")));
        drafts.add(reader.read(row));
      } catch (IllegalArgumentException e) {
        errors.add(new RowError(i + 1, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparingInt(RowError::row));
      return new Imported(0, 0, List.copyOf(errors));
    }
    int created = 0;
    int updated = 0;
    for (int i = 0; i < drafts.size(); i++) {
      Long id = ids.get(i);
      if (id != null && answers.update(id, drafts.get(i))) {
        updated++;
      } else {
        answers.create(drafts.get(i));
        created++;
      }
    }
    return new Imported(created, updated, List.of());
  }

  private static Long id(JsonNode node) {
    if (node == null || node.isNull() || node.asText().isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(node.asText().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field 'id' must be a number");
    }
  }

  private static String format(java.time.Instant at) {
    return OffsetDateTime.ofInstant(at, PublishedDates.VIETNAM).toString();
  }
}
