package vn.backancity.bot.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.telegram.TelegramFailure;
import vn.backancity.bot.telegram.TelegramGateway;

@Command(
    name = "telegram",
    mixinStandardHelpOptions = true,
    description = "Telegram administration.",
    subcommands = {TelegramCommand.SetWebhook.class})
final class TelegramCommand {

  @Command(
      name = "set-webhook",
      mixinStandardHelpOptions = true,
      description =
          "Points Telegram at {PUBLIC_URL}/telegram/webhook (or --url) with the secret token the"
              + " server checks.")
  static final class SetWebhook implements Callable<Integer> {
    @Mixin DataOption data;

    @Option(names = "--url", description = "Webhook URL. Default: PUBLIC_URL/telegram/webhook")
    String url;

    @Override
    public Integer call() {
      Settings settings = data.settings(Map.of());
      TelegramSettings telegram = settings.telegram();
      if (!telegram.enabled()) {
        System.err.println("TELEGRAM_BOT_TOKEN is not set.");
        return 2;
      }
      String target =
          url != null ? url : settings.publicUrl().replaceAll("/+$", "") + "/telegram/webhook";
      try {
        new TelegramGateway(telegram, App.jsonMapper())
            .setWebhook(target, telegram.effectiveSecret());
        System.out.println("webhook set to " + target);
        return 0;
      } catch (TelegramFailure e) {
        System.err.println("setWebhook failed: " + e.code() + " " + e.getMessage());
        return 1;
      }
    }
  }
}
