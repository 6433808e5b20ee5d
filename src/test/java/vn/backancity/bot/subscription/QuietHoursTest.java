package vn.backancity.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours: inside or not, when they end, as citizens type them. */
class QuietHoursTest {
  static final ZoneId BAC_KAN = ZoneId.of("Asia/Ho_Chi_Minh");
  final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 30));

  /** 21/11/2026 at a local time in Bắc Kạn (UTC+7). */
  static Instant at(String localTime) {
    return Instant.parse("2026-11-21T" + localTime + ":00+07:00");
  }

  @Test
  void hoursThatCrossMidnightEndTheNextMorning() {
    assertThat(night.release(at("21:59"), BAC_KAN)).isEqualTo(at("21:59"));
    assertThat(night.release(at("22:00"), BAC_KAN))
        .isEqualTo(Instant.parse("2026-11-22T06:30:00+07:00"));
    assertThat(night.release(at("23:45"), BAC_KAN))
        .isEqualTo(Instant.parse("2026-11-22T06:30:00+07:00"));
    assertThat(night.release(at("03:10"), BAC_KAN)).isEqualTo(at("06:30"));
    assertThat(night.release(at("06:30"), BAC_KAN))
        .as("the end is not inside")
        .isEqualTo(at("06:30"));
    assertThat(night.release(at("12:00"), BAC_KAN)).isEqualTo(at("12:00"));
  }

  @Test
  void hoursWithinOneDayEndTheSameDay() {
    QuietHours nap = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));
    assertThat(nap.release(at("11:59"), BAC_KAN)).isEqualTo(at("11:59"));
    assertThat(nap.release(at("12:40"), BAC_KAN)).isEqualTo(at("13:30"));
    assertThat(nap.release(at("13:30"), BAC_KAN)).isEqualTo(at("13:30"));
    assertThat(nap.release(at("23:00"), BAC_KAN)).isEqualTo(at("23:00"));
  }

  @Test
  void typedRangesWithOrWithoutDiacritics() {
    assertThat(QuietHours.parse("22:00-06:30")).contains(night);
    assertThat(QuietHours.parse("22h - 6h30")).contains(night);
    assertThat(QuietHours.parse("22g30 đến 6g"))
        .contains(new QuietHours(LocalTime.of(22, 30), LocalTime.of(6, 0)));
    assertThat(QuietHours.parse("22 toi 6"))
        .contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 0)));
    assertThat(QuietHours.parse("22:00–06:30")).as("an en dash").contains(night);
    assertThat(QuietHours.parse("25:00-06:00")).isEmpty();
    assertThat(QuietHours.parse("22:00-22:00")).isEmpty();
    assertThat(QuietHours.parse("tối nay")).isEmpty();
    assertThat(night.toString()).isEqualTo("22:00–06:30");
    assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
