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
              cell(String.join("\n", a.questions())),
              cell(a.text()),
              a.link() == null ? "" : a.link(),
              a.expiresAt() == null ? "" : format(a.expiresAt())
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** JSON lines; rows are numbered by line, blank lines counted (and skipped). */
  public Imported importJsonLines(String body) {
    List<JsonNode> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        rows.add(null);
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
        String cell = uncell(row.getOrDefault("questions", ""));
        for (String q : (cell == null ? "" : cell).split("\\R")) {
          if (!q.isBlank()) {
            questions.add(q.strip());
          }
        }
        node.put("text", uncell(row.get("text")));
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
    List<Integer> rowOf = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (row == null) {
        continue; // a blank line, or already refused as malformed
      }
      try {
        Long id = id(row.get("id"));
        CuratedAnswer.Draft draft = reader.read(row, true);
        ids.add(id);
        drafts.add(draft);
        rowOf.add(i + 1);
      } catch (IllegalArgumentException e) {
        errors.add(new RowError(i + 1, e.getMessage()));
      }
    }
    if (errors.isEmpty()) {
      try {
        int updated = answers.storeAll(ids, drafts);
        return new Imported(drafts.size() - updated, updated, List.of());
      } catch (CuratedAnswers.Rejected e) {
        errors.add(new RowError(rowOf.get(e.index()), e.getMessage()));
      }
    }
    errors.sort(java.util.Comparator.comparingInt(RowError::row));
    return new Imported(0, 0, List.copyOf(errors));
  }

  /**
   * A text cell safe to open in a spreadsheet: one starting with = + - or @ would be run as a
   * formula there, so it gets a leading apostrophe, which {@link #uncell} takes off again.
   */
  static String cell(String text) {
    return !text.isEmpty() && "=+-@'".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  static String uncell(String text) {
    return text != null && text.length() > 1 && text.charAt(0) == '\'' ? text.substring(1) : text;
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
