package vn.backancity.bot.eval;

import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
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
    return hits(answerer.ask(question).answers());
  }

  @Override
  public List<Hit> shown(String question) {
    AnswerList list = answerer.ask(question);
    return hits(list.answers().isEmpty() ? list.suggestions() : list.answers());
  }

  private static List<Hit> hits(List<Answer> answers) {
    return answers.stream().map(a -> new Hit(a.articleId(), a.excerpt())).toList();
  }
}
