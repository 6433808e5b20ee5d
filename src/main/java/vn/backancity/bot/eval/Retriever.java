package vn.backancity.bot.eval;

import java.util.List;

/** A system under evaluation: a question in, ranked articles with excerpts out. */
interface Retriever {
  /** One ranked article. */
  record Hit(String id, String excerpt) {}

  String name();

  List<Hit> search(String question);

  /**
   * What the asker is shown first: the ranked articles, or for a system with a "possibly related"
   * tier, its suggestions when no answer is confident.
   */
  default List<Hit> shown(String question) {
    return search(question);
  }
}
