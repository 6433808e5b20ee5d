package vn.backancity.bot.eval;

import java.util.List;
import vn.backancity.bot.answer.Answerer;

/** The service's own answers, as citizens get them: ranking, relevance floor, excerpts. */
final class ProjectRetriever implements Retriever {
  private final Answerer answerer;

  ProjectRetriever(Answerer answerer) {
    this.answerer = answerer;
  }

  @Override
  public String name() {
    return "project";
  }

  @Override
  public List<Hit> search(String question) {
    return answerer.ask(question).answers().stream()
        .map(a -> new Hit(a.articleId(), a.excerpt()))
        .toList();
  }
}
