package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  final TrustedProxies none = new TrustedProxies(List.of());
  final TrustedProxies two = new TrustedProxies(List.of("10.0.0.1", " 10.0.0.2 "));

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    assertThat(none.clientOf("192.0.2.5", "198.51.100.1")).isEqualTo("192.0.2.5");
    assertThat(two.clientOf("192.0.2.5", "198.51.100.1")).isEqualTo("192.0.2.5");
  }

  @Test
  void fromATrustedProxyTheRightmostAddressThatIsNoProxyIsTheClient() {
    assertThat(two.clientOf("10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(two.clientOf("10.0.0.1", "203.0.113.9, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(two.clientOf("10.0.0.1", "203.0.113.9, 198.51.100.1, 10.0.0.2"))
        .isEqualTo("198.51.100.1");
    // Only proxies: the leftmost one they vouch for.
    assertThat(two.clientOf("10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.2");
    // No header, or garbage where the client should be: the last address a proxy vouched for.
    assertThat(two.clientOf("10.0.0.1", null)).isEqualTo("10.0.0.1");
    assertThat(two.clientOf("10.0.0.1", "evil.example, 10.0.0.2")).isEqualTo("10.0.0.2");
    assertThat(two.clientOf("10.0.0.1", "999.1.1.1")).isEqualTo("10.0.0.1");
  }

  @Test
  void ipv6ClientsAreTheirSlash64AndAddressesAreCanonical() {
    String a = none.clientOf("2001:db8:1:2:aaaa::1", null);
    String b = none.clientOf("[2001:0db8:0001:0002:ffff:0:0:9]", null);

    assertThat(a).isEqualTo(b).isEqualTo("2001:db8:1:2::/64");
    assertThat(none.clientOf("2001:db8:1:3::1", null)).isNotEqualTo(a);
    assertThat(none.clientOf("::ffff:192.0.2.5", null)).isEqualTo("192.0.2.5");
  }

  @Test
  void namesAreNeverResolvedAndABadProxyEntryIsNamed() {
    assertThat(TrustedProxies.canonical("localhost")).isEmpty();
    assertThat(TrustedProxies.canonical("abc")).isEmpty();
    assertThat(TrustedProxies.canonical("1.2.3")).isEmpty();
    assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.internal")))
        .hasMessageContaining("proxy.internal");
  }
}
