package vn.backancity.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void flagsOverrideTheFileAndPublicUrlFollowsThePort() {
    Settings s =
        Settings.load(
            Map.of(
                "server.port",
                8123,
                "data.dir",
                "/tmp/x",
                "server.public-url",
                "https://bot.example.vn/"));

    assertThat(s.port()).isEqualTo(8123);
    assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(s.databaseFile()).isEqualTo(Path.of("/tmp/x/bot.db"));
    assertThat(s.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(s.tuning().candidates()).isPositive();
  }

  @Test
  void secretsNeverShowInToString() {
    TelegramSettings t =
        new TelegramSettings(
            "123:SECRET-TOKEN", "hook-secret", "https://api.telegram.org", "", Set.of(42L));

    assertThat(t.toString()).doesNotContain("SECRET-TOKEN").doesNotContain("hook-secret");
    assertThat(
            new Settings(
                    1,
                    "u",
                    1,
                    Path.of("d"),
                    Path.of("b"),
                    Path.of("a"),
                    3,
                    null,
                    1,
                    java.time.Duration.ZERO,
                    t,
                    "ADMIN-SECRET",
                    null,
                    "jdbc:postgresql://db/bot?user=bot&password=DB-SECRET",
                    null,
                    null,
                    new ZaloSettings(
                        "app",
                        "APP-SECRET",
                        "OA-SECRET",
                        "ACCESS-TOKEN",
                        "REFRESH-TOKEN",
                        "https://openapi.zalo.me",
                        "https://oauth.zaloapp.com",
                        java.time.Duration.ofMinutes(10),
                        false,
                        10),
                    null,
                    null,
                    null,
                    new QuestionSettings(java.time.Duration.ofDays(90), "ASKER-SECRET"),
                    "METRICS-SECRET")
                .withDataDir(Path.of("x"))
                .toString())
        .doesNotContain("SECRET-TOKEN")
        .doesNotContain("ADMIN-SECRET")
        .doesNotContain("METRICS-SECRET")
        .doesNotContain("DB-SECRET")
        .doesNotContain("APP-SECRET")
        .doesNotContain("OA-SECRET")
        .doesNotContain("ACCESS-TOKEN")
        .doesNotContain("REFRESH-TOKEN")
        .doesNotContain("ASKER-SECRET");
  }

  @Test
  void metricsTokenIsTheAdminTokenUnlessSetAndMetricsAreOffWithoutEither() {
    assertThat(Settings.load(Map.of("admin.token", "adm", "metrics.token", "")).metricsToken())
        .isEqualTo("adm");
    assertThat(Settings.load(Map.of("admin.token", "adm", "metrics.token", "met")).metricsToken())
        .isEqualTo("met");
    assertThat(Settings.load(Map.of("admin.token", "", "metrics.token", "")).metricsEnabled())
        .isFalse();
  }

  @Test
  void derivedWebhookSecretIsStableAndValidForTelegram() {
    TelegramSettings t =
        new TelegramSettings("123:abc", "", "https://api.telegram.org", "", Set.of());

    assertThat(t.effectiveSecret()).isEqualTo(t.effectiveSecret()).matches("[A-Za-z0-9_-]{1,256}");
    assertThat(t.effectiveSecret()).doesNotContain("123:abc");
  }

  @Test
  void adminTelegramIdsAreParsedAndBadOnesNamed() {
    assertThat(TelegramSettings.parseIds(" 111, 222 333 ")).containsExactly(111L, 222L, 333L);
    assertThatThrownBy(() -> TelegramSettings.parseIds("111,abc"))
        .hasMessageContaining("ADMIN_TELEGRAM_IDS")
        .hasMessageContaining("abc");
  }

  @Test
  void publicLimitsHaveDefaultsAndOverrides() {
    LimitSettings defaults = Settings.load(Map.of()).limits();
    LimitSettings set =
        Settings.load(
                Map.of(
                    "limits.public-per-minute",
                    30,
                    "limits.trusted-proxies",
                    " 10.0.0.1, ::1 ,",
                    "search.max-concurrent",
                    3))
            .limits();

    assertThat(defaults.publicPerMinute()).isEqualTo(120);
    assertThat(defaults.trustedProxies()).isEmpty();
    assertThat(defaults.maxConcurrentSearches())
        .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    assertThat(set.publicPerMinute()).isEqualTo(30);
    assertThat(set.trustedProxies()).containsExactly("10.0.0.1", "::1");
    assertThat(set.maxConcurrentSearches()).isEqualTo(3);
    assertThatThrownBy(() -> Settings.load(Map.of("limits.public-per-minute", 0)))
        .hasMessageContaining("limits.public-per-minute");
    assertThatThrownBy(() -> Settings.load(Map.of("search.max-concurrent", -1)))
        .hasMessageContaining("search.max-concurrent");
  }

  @Test
  void badPortIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Settings.load(Map.of("server.port", 70000)))
        .hasMessageContaining("server.port");
  }

  @Test
  void searchCandidatesOutOfRangeAreRefusedWithAClearMessage() {
    // Each question judges six times as many Lucene hits: a huge value would cost every search.
    for (int bad : new int[] {0, 101, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> Settings.load(Map.of("search.candidates", bad)))
          .hasMessageContaining("search.candidates must be 1-100");
    }
    assertThat(Settings.load(Map.of("search.candidates", 100)).tuning().candidates())
        .isEqualTo(100);
  }

  @Test
  void aFeedsHostsAreReadAndAMalformedOneIsRefusedByName() {
    Settings s = withFeedHosts(List.of("www.backan.gov.vn", "media.backan.gov.vn:8443"));
    assertThat(s.feeds().sources().get(0).hosts())
        .containsExactly("www.backan.gov.vn", "media.backan.gov.vn:8443");

    assertThatThrownBy(() -> withFeedHosts(List.of("https://www.backan.gov.vn/")))
        .hasMessageContaining("feed tỉnh: hosts entries are host or host:port, not: https://");
  }

  private static Settings withFeedHosts(List<String> hosts) {
    return Settings.load(
        Map.of(
            "feeds.sources",
            List.of(Map.of("name", "tỉnh", "url", "https://backan.gov.vn/rss", "hosts", hosts))));
  }
}
