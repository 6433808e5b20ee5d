package vn.backancity.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.backancity.bot.App;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerJson;
import vn.backancity.bot.answer.AnswerList;

@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description =
        "Answers a question. With --json and '-' reads one question per line from stdin and"
            + " writes one JSON object per line.")
final class AskCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--json", description = "Print JSON.")
  boolean asJson;

  @Option(names = "--limit", defaultValue = "3", description = "Answers per question.")
  int limit;

  @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question, or - for stdin")
  List<String> words;

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (App app = data.open()) {
      if (words.size() == 1 && words.get(0).equals("-")) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
          if (!line.isBlank()) {
            print(app, line.strip(), out);
          }
        }
      } else {
        print(app, String.join(" ", words), out);
      }
      return 0;
    }
  }

  private void print(App app, String question, PrintStream out) throws Exception {
    AnswerList list = app.answerer().ask(question);
    List<Answer> answers = list.page(0, limit);
    if (asJson) {
      ObjectMapper json = app.json();
      out.println(json.writeValueAsString(AnswerJson.of(json, list, limit)));
      return;
    }
    if (answers.isEmpty() && !list.suggestions().isEmpty()) {
      out.println("(no sure answer; possibly related:)");
      answers = list.suggestions();
    } else if (answers.isEmpty()) {
      out.println(list.blank() ? "(empty question)" : "(no relevant article)");
      return;
    } else if (list.choices()) {
      out.println("(ask back: the first two are about different things)");
    }
    for (int i = 0; i < answers.size(); i++) {
      Answer a = answers.get(i);
      out.printf(
          "%d. %s  [%s, %.2f]%n   %s%n   %s%n",
          i + 1,
          a.curated() ? "✅ " + a.title() : a.title(),
          a.articleId(),
          a.score(),
          a.excerpt(),
          a.link() == null ? "" : a.link());
    }
  }
}
