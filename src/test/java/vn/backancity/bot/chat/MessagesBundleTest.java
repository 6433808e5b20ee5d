package vn.backancity.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundles and the {@link Messages} keys agree: same keys, same placeholders, none unused. */
class MessagesBundleTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("%[sd%]|%");

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/i18n/" + name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static Set<String> keys() {
    return Arrays.stream(Messages.values())
        .map(Enum::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyKeyIsInBothBundlesAndNothingElse() throws IOException {
    assertThat(new TreeSet<>(bundle("messages.properties").stringPropertyNames()))
        .isEqualTo(keys());
    assertThat(new TreeSet<>(bundle("messages_en.properties").stringPropertyNames()))
        .isEqualTo(keys());
  }

  @Test
  void bothLanguagesHaveTheSamePlaceholdersInTheSameOrder() {
    for (Messages m : Messages.values()) {
      List<String> vi = placeholders(m.in(Language.VI));
      assertThat(placeholders(m.in(Language.EN))).as(m.name()).isEqualTo(vi);
      assertThat(vi).as(m.name() + ": a lone %% is not a placeholder").doesNotContain("%");
      Object[] args =
          vi.stream().filter(p -> !p.equals("%%")).map(p -> p.equals("%d") ? 1 : "x").toArray();
      for (Language lang : Language.values()) {
        assertThat(m.format(lang, args)).as(m + " " + lang).doesNotContain("%s", "%d");
      }
    }
  }

  @Test
  void englishIsEnglishAndVietnameseIsTheDefault() {
    assertThat(Messages.WELCOME.in(Language.EN)).startsWith("Hello!");
    assertThat(Messages.WELCOME.in(Language.VI)).startsWith("Xin chào!");
    assertThat(Messages.SUBSCRIBED.format(Language.EN, "07:00")).contains("at 07:00 every day");
    assertThat(Language.of("en-GB")).isEqualTo(Language.EN);
    assertThat(Language.of("vi")).isEqualTo(Language.VI);
    assertThat(Language.of(null)).isEqualTo(Language.VI);
    assertThat(Language.effective("vi", "en")).isEqualTo(Language.VI);
    assertThat(Language.effective(null, "en")).isEqualTo(Language.EN);
  }

  @Test
  void noBundleKeyIsUnused() throws IOException {
    Path main = Path.of("src/main/java");
    StringBuilder code = new StringBuilder();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        code.append(Files.readString(f)).append('\n');
      }
    }
    List<String> unused = new ArrayList<>();
    for (Messages m : Messages.values()) {
      if (!Pattern.compile("\\b" + m.name() + "\\.(in|format)\\(").matcher(code).find()) {
        unused.add(m.name());
      }
    }
    assertThat(unused).as("keys no code uses").isEmpty();
  }

  private static List<String> placeholders(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
