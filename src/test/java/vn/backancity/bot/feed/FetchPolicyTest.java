package vn.backancity.bot.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetch policy with a made-up DNS: no test here sends a packet anywhere, the addresses below
 * are only classified.
 */
class FetchPolicyTest {
  final Map<String, List<String>> dns = new HashMap<>();

  FetchPolicy.Resolver resolver() {
    return host -> {
      List<String> found = dns.get(host);
      if (found == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> out = new ArrayList<>();
      for (String literal : found) {
        out.add(InetAddress.getByName(literal)); // a literal: parsed, never looked up
      }
      return out;
    };
  }

  FetchPolicy feed(String url, String... hosts) throws UnknownHostException {
    return FetchPolicy.forFeed(URI.create(url), List.of(hosts), resolver());
  }

  FetchPolicy publicFeed(String... hosts) throws UnknownHostException {
    dns.put("news.example.vn", List.of("203.0.113.10"));
    return feed("http://news.example.vn/rss", hosts);
  }

  static void allowed(FetchPolicy policy, String url) {
    assertThatCode(() -> policy.check(URI.create(url))).as(url).doesNotThrowAnyException();
  }

  static void refused(FetchPolicy policy, String url, String reason) {
    assertThatThrownBy(() -> policy.check(URI.create(url)))
        .as(url)
        .isInstanceOf(FetchPolicy.Refused.class)
        .hasMessageContaining(reason);
  }

  @Test
  void theFeedsOwnHostOnEitherSchemeIsAllowedAndOtherHostsOrPortsAreNot() throws Exception {
    FetchPolicy policy = publicFeed();
    dns.put("evil.example.com", List.of("198.51.100.7"));

    allowed(policy, "http://news.example.vn/tin/1.html");
    allowed(policy, "https://NEWS.example.vn/tin/1.html");
    allowed(policy, "http://news.example.vn:80/tin/1.html");
    refused(policy, "http://evil.example.com/a.html", "host evil.example.com is neither");
    refused(policy, "http://news.example.vn:8080/a.html", "host news.example.vn:8080 is neither");
    refused(policy, "http://www.news.example.vn/a.html", "is neither");
  }

  @Test
  void configuredHostsAreAllowedOnTheirPorts() throws Exception {
    FetchPolicy policy = publicFeed("static.example.vn", "media.example.vn:8443");
    dns.put("static.example.vn", List.of("203.0.113.11"));
    dns.put("media.example.vn", List.of("203.0.113.12"));

    allowed(policy, "https://static.example.vn/a.html");
    allowed(policy, "https://media.example.vn:8443/a.html");
    refused(policy, "https://media.example.vn/a.html", "is neither");
    refused(policy, "http://static.example.vn:9000/a.html", "is neither");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://news.example.vn/a.html",
        "javascript:alert(1)",
        "gopher://news.example.vn/",
        "data:text/html,hello",
        "mailto:a@news.example.vn",
        "/relative/only.html"
      })
  void onlyHttpAndHttpsAreFetched(String url) throws Exception {
    refused(publicFeed(), url, "not http(s)");
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.8.9.10, loopback",
    "::1, loopback",
    "10.0.0.5, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.1.1, private",
    "100.64.0.1, private",
    "fc00::1, private",
    "fd12:3456::1, private",
    "169.254.169.254, metadata",
    "100.100.100.200, metadata",
    "fd00:ec2::254, metadata",
    "64:ff9b::a9fe:a9fe, metadata",
    "169.254.1.1, link-local",
    "fe80::1, link-local",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "::, unspecified",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "::ffff:127.0.0.1, loopback",
    "::127.0.0.2, loopback",
    "64:ff9b::a00:1, private"
  })
  void aConfiguredHostThatResolvesOutsideTheInternetIsRefused(String address, String kind)
      throws Exception {
    FetchPolicy policy = publicFeed("cdn.example.vn");
    dns.put("cdn.example.vn", List.of("203.0.113.20", address)); // one bad address is enough

    refused(policy, "https://cdn.example.vn/a.html", "a " + kind + " address");
  }

  @Test
  void anAddressLiteralIsCheckedLikeAResolvedName() throws Exception {
    dns.put("203.0.113.10", List.of("203.0.113.10"));
    dns.put("169.254.169.254", List.of("169.254.169.254"));
    FetchPolicy policy = feed("http://203.0.113.10/rss", "169.254.169.254");

    allowed(policy, "http://203.0.113.10/a.html");
    refused(policy, "http://169.254.169.254/latest/meta-data/", "a metadata address");
  }

  @Test
  void aFeedOnLoopbackMayFetchFromLoopbackButOnlyItsOwnOrConfiguredHostsAndPorts()
      throws Exception {
    dns.put("127.0.0.1", List.of("127.0.0.1"));
    dns.put("localhost", List.of("127.0.0.1", "::1"));
    dns.put("intranet.local", List.of("10.1.2.3"));
    FetchPolicy policy = feed("http://127.0.0.1:8080/rss", "localhost:9090", "intranet.local");

    allowed(policy, "http://127.0.0.1:8080/a.html");
    allowed(policy, "http://localhost:9090/a.html");
    refused(policy, "http://127.0.0.1:8081/a.html", "host 127.0.0.1:8081 is neither");
    refused(policy, "http://localhost:8080/a.html", "host localhost:8080 is neither");
    refused(policy, "http://intranet.local/a.html", "a private address"); // not the feed's class
  }

  @Test
  void addressesAreCheckedAgainWhenConnectingSoRebindingGainsNothing() throws Exception {
    FetchPolicy.Resolver base = resolver();
    AtomicInteger lookups = new AtomicInteger();
    dns.put("news.example.vn", List.of("203.0.113.10"));
    dns.put("rebind.example.vn", List.of("203.0.113.30"));
    FetchPolicy policy =
        FetchPolicy.forFeed(
            URI.create("http://news.example.vn/rss"),
            List.of("rebind.example.vn"),
            host ->
                host.equals("rebind.example.vn") && lookups.incrementAndGet() > 1
                    ? List.of(InetAddress.getByName("127.0.0.1"))
                    : base.resolve(host));

    allowed(policy, "http://rebind.example.vn/a.html"); // first answer: public

    assertThatThrownBy(() -> policy.addresses("rebind.example.vn")) // at connect: loopback
        .isInstanceOf(FetchPolicy.Refused.class)
        .hasMessageContaining("a loopback address");
    assertThat(policy.addresses("news.example.vn"))
        .containsExactly(InetAddress.getByName("203.0.113.10"));
  }
}
