package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the real seed articles, messy as they are. */
class PortalTextReaderTest {
  final PortalTextReader reader = new PortalTextReader();

  Article seed(String name) throws Exception {
    String file = name + ".txt";
    return reader.read(name, Files.readString(Path.of("data", "articles", file)));
  }

  @Test
  void titleDatelineCaptionAndBylineAreSeparated() throws Exception {
    Article a = seed("000_3e9692ddfc35afda");

    assertThat(a.title())
        .isEqualTo(
            "Đảng bộ thành phố Bắc Kạn tập trung lãnh đạo toàn diện các mục tiêu phát triển");
    assertThat(a.lead()).startsWith("Trong những năm qua").doesNotContain("backancity.gov.vn");
    assertThat(a.captions())
        .containsExactly(
            "Ban Chấp hành Đảng bộ thành phố duy trì các cuộc họp để đánh giá tình hình thực hiện"
                + " nhiệm vụ phát triển KT- XH");
    assertThat(a.author()).isEqualTo("Đặng Tuyết");
    assertThat(a.proseText()).doesNotContain("Đặng Tuyết").contains("4.600 đảng viên");
  }

  @Test
  void articleWithoutTitleGetsOneFromItsFirstSentence() throws Exception {
    Article a = seed("002_d5279ddcd5c22846");

    assertThat(a.title()).startsWith("Để công tác lãnh đạo, chỉ đạo").endsWith("…");
    assertThat(a.title().length()).isLessThanOrEqualTo(111);
    assertThat(a.lead()).startsWith("Để công tác lãnh đạo");
    assertThat(a.author()).isNull();
  }

  @Test
  void pageChromeIsNotProse() throws Exception {
    Article a = seed("004_c117ae27e64cf347");

    assertThat(a.proseText()).doesNotContain("Phản hồi").doesNotContain("Các tin khác");
    assertThat(a.captions()).hasSize(2).allMatch(c -> c.contains("(Ảnh: Toán Nguyễn)"));
    assertThat(a.paragraphs()).last().asString().endsWith("đô thị loại II./.");
  }

  @Test
  void captionWithoutCreditIsKeptApartAndSearchable() throws Exception {
    Article a = seed("003_8df7fe491330b25b");

    assertThat(a.captions()).anyMatch(c -> c.contains("Nà Pậu, thôn Nà Tẳng"));
    assertThat(a.proseText()).doesNotContain("Nà Tẳng");
    assertThat(a.author()).isEqualTo("Minh Cường");
  }

  @Test
  void authorGluedToTheLastSentenceIsSplitOff() {
    String text =
        "Tiêu đề bài viết thử\n\nĐoạn mở đầu của bài viết.\n\nĐoạn cuối cùng hoàn thành nhiệm vụ./.Đặng Tuyết\n";
    Article a = reader.read("x", text);

    assertThat(a.author()).isEqualTo("Đặng Tuyết");
    assertThat(a.paragraphs()).containsExactly("Đoạn cuối cùng hoàn thành nhiệm vụ./.");
  }

  @Test
  void authorAfterAFullStopIsSplitOff() {
    Article a = reader.read("x", "Tiêu đề bài\n\nMở đầu.\n\nCuối bài đề ra. Hà Ngà");

    assertThat(a.author()).isEqualTo("Hà Ngà");
    assertThat(a.paragraphs()).containsExactly("Cuối bài đề ra.");
  }

  @Test
  void fileWithOnlyChromeIsRejected() {
    assertThatThrownBy(() -> reader.read("x", "Phản hồi\n\nCác tin khác\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reader.read("x", "   \n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
