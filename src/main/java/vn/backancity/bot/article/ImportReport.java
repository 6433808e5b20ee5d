package vn.backancity.bot.article;

import java.util.List;

/**
 * What one import did.
 *
 * @param problems one line per skipped file or record, naming it and saying why
 */
public record ImportReport(int files, int articles, int skipped, List<String> problems) {
  public ImportReport {
    problems = List.copyOf(problems);
  }
}
