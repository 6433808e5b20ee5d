package vn.backancity.bot.cli;

import picocli.CommandLine.Command;

/** The top-level command: {@code java -jar backan-bot.jar <command>}. */
@Command(
    name = "backan-bot",
    mixinStandardHelpOptions = true,
    version = "backan-bot 0.1",
    description = "Bắc Kạn city news bot: answers questions from the city portal's articles.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      AskCommand.class,
      ReindexCommand.class,
      EvalCommand.class,
      BroadcastBenchCommand.class,
      BenchCommand.class,
      PublicBenchCommand.class,
      LoadTestCommand.class,
      CrawlCommand.class,
      TelegramCommand.class
    })
public final class Cli {}
