package vn.backancity.bot.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.telegram.BotProfile;
import vn.backancity.bot.telegram.TelegramFailure;
import vn.backancity.bot.telegram.TelegramGateway;

@Command(
    name = "telegram",
    mixinStandardHelpOptions = true,
    description = "Telegram administration.",
    subcommands = {TelegramCommand.SetWebhook.class, TelegramCommand.SetProfile.class})
final class TelegramCommand {

  /** The gateway for the configured bot, or null (with a message) when no token is set. */
  private static TelegramGateway gateway(TelegramSettings telegram) {
    if (!telegram.enabled()) {
      System.err.println("TELEGRAM_BOT_TOKEN is not set.");
      return null;
    }
    return new TelegramGateway(telegram, App.jsonMapper());
  }

  /** Sets the command menu and descriptions in Vietnamese and English; false when it failed. */
  private static boolean setProfile(TelegramGateway gateway) {
    try {
      BotProfile.apply(gateway);
      System.out.println("commands and descriptions set (vi, en)");
      return true;
    } catch (TelegramFailure e) {
      System.err.println("setting the commands failed: " + e.code() + " " + e.getMessage());
      return false;
    }
  }

  @Command(
      name = "set-webhook",
      mixinStandardHelpOptions = true,
      description =
          "Points Telegram at {PUBLIC_URL}/telegram/webhook (or --url) with the secret token the"
              + " server checks, then sets the command menu and descriptions (vi, en).")
  static final class SetWebhook implements Callable<Integer> {
    @Mixin DataOption data;

    @Option(names = "--url", description = "Webhook URL. Default: PUBLIC_URL/telegram/webhook")
    String url;

    @Override
    public Integer call() {
      Settings settings = data.settings(Map.of());
      TelegramSettings telegram = settings.telegram();
      TelegramGateway gateway = gateway(telegram);
      if (gateway == null) {
        return 2;
      }
      String target =
          url != null ? url : settings.publicUrl().replaceAll("/+$", "") + "/telegram/webhook";
      try {
        gateway.setWebhook(target, telegram.effectiveSecret());
        System.out.println("webhook set to " + target);
      } catch (TelegramFailure e) {
        System.err.println("setWebhook failed: " + e.code() + " " + e.getMessage());
        return 1;
      }
      return setProfile(gateway) ? 0 : 1;
    }
  }

  @Command(
      name = "set-profile",
      mixinStandardHelpOptions = true,
      description =
          "Sets the command menu, description and short description, in Vietnamese (default)"
              + " and English (language_code en).")
  static final class SetProfile implements Callable<Integer> {
    @Mixin DataOption data;

    @Override
    public Integer call() {
      TelegramGateway gateway = gateway(data.settings(Map.of()).telegram());
      if (gateway == null) {
        return 2;
      }
      return setProfile(gateway) ? 0 : 1;
    }
  }
}
