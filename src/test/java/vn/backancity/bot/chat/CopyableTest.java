package vn.backancity.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyableTest {

  static List<String> copied(String text) {
    return Copyable.in(text).stream().map(Copyable::text).toList();
  }

  @Test
  void vietnamesePhoneNumbersAsTheyAreWritten() {
    assertThat(copied("Gọi 0912 345 678.")).containsExactly("0912345678");
    assertThat(copied("Số 0912.345.678, hoặc 0912-345-679"))
        .containsExactly("0912345678", "0912345679");
    assertThat(copied("Đường dây nóng (0209) 3870 123 trực 24/24")).containsExactly("02093870123");
    assertThat(Copyable.in("Đường dây nóng (0209) 3870 123").get(0).label())
        .isEqualTo("(0209) 3870 123");
    assertThat(copied("Liên hệ +84 912 345 678 hoặc 84912345679"))
        .containsExactly("+84912345678", "84912345679");
    assertThat(copied("Tổng đài 1900 1234 và 1800.123.456"))
        .containsExactly("19001234", "1800123456");
    assertThat(copied("gọi 0912345678 0209 3870 123 nhé"))
        .containsExactly("0912345678", "02093870123");
  }

  @Test
  void datesAmountsYearsAndDocumentNumbersAreNotPhoneNumbers() {
    assertThat(
            copied(
                "Ngày 05.03.2024, 03/2024, năm 2023, 1.200.000.000 đồng, 0,5 ha, Quyết định"
                    + " 1234/QĐ-UBND, 8 đơn vị, mã số 001203004567, 112 113 114 115"))
        .isEmpty();
    assertThat(copied("0123 456 789")).as("no 01x mobile numbers any more").isEmpty();
  }

  @Test
  void lookupCodesAfterTheWordMa() {
    assertThat(copied("Mã tra cứu của bạn: K7Q2XM. Nhắn mã này để hỏi tiến độ."))
        .containsExactly("K7Q2XM");
    assertThat(copied("mã câu hỏi 4HD9TA")).containsExactly("4HD9TA");
    assertThat(Copyable.in("Mã: AB12CD").get(0).label()).isEqualTo("Mã AB12CD");
    // The English texts say "Lookup code: …".
    assertThat(Copyable.in("Lookup code: K7Q2XM. When the staff reply").get(0))
        .isEqualTo(new Copyable("Code K7Q2XM", "K7Q2XM"));
    assertThat(copied("Mã số thuế 1234567890")).as("not six characters").isEmpty();
    assertThat(copied("Mã K7Q2XMZ, mã k7q2xm")).isEmpty();
    assertThat(copied("Tiếng Anh: KQ7XM2")).as("not after Mã").isEmpty();
  }

  @Test
  void eachValueOnceInOrderAndAtMostThree() {
    assertThat(
            copied("Mã K7Q2XM. Gọi 0912 345 678 hoặc 0912.345.678 hoặc 0209 3870 123, 0987654321"))
        .containsExactly("K7Q2XM", "0912345678", "02093870123");
    assertThat(Copyable.in(null)).isEmpty();
  }
}
