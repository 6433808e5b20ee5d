package vn.backancity.bot.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where one feed's fetches may go, so that a feed cannot make us read (and publish) what only the
 * server can reach. A URL is allowed when:
 *
 * <ul>
 *   <li>its scheme is http or https;
 *   <li>its host and port are the feed's own, or one of the feed's configured {@code hosts} ("host"
 *       means its default ports, "host:port" that port only); the scheme does not matter, so a feed
 *       on http may link its pages on https;
 *   <li>every address its host resolves to is public, or of a class the feed's own host resolves
 *       into. A feed on loopback (as in tests) may so fetch from loopback, but only from the feed's
 *       own host and port or configured ones; a feed on the internet never reaches loopback,
 *       private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16,
 *       fe80::/10), unspecified, multicast or cloud metadata addresses.
 * </ul>
 *
 * <p>The address check runs where the connection is made ({@link #addresses}, the fetcher's DNS),
 * so the addresses checked are the ones connected to: a name that resolves differently the second
 * time (DNS rebinding) gains nothing.
 */
final class FetchPolicy {
  /** Redirects followed for one fetch, each hop checked like the first URL. */
  static final int MAX_REDIRECTS = 5;

  /** Resolves a host name to its addresses ({@link InetAddress#getAllByName} outside tests). */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** What kind of network an address belongs to. */
  enum AddressClass {
    PUBLIC,
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    METADATA,
    UNSPECIFIED,
    MULTICAST
  }

  /**
   * A URL or address the policy refuses. An {@link UnknownHostException} so that the fetcher's DNS
   * can throw it: to us, a host we may not reach does not exist.
   */
  static final class Refused extends UnknownHostException {
    private final String reason;

    Refused(String reason) {
      super("refused: " + reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private record Origin(String host, int port) {
    /** The URL's host and port; port -1 stands for the scheme's default port. */
    static Origin of(URI url) {
      int port = url.getPort();
      if (port == defaultPort(url.getScheme())) {
        port = -1;
      }
      return new Origin(url.getHost().toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
      return port == -1 ? host : host + ":" + port;
    }
  }

  private final Set<Origin> origins;
  private final Set<AddressClass> classes;
  private final Resolver resolver;

  private FetchPolicy(Set<Origin> origins, Set<AddressClass> classes, Resolver resolver) {
    this.origins = origins;
    this.classes = classes;
    this.resolver = resolver;
  }

  /**
   * The policy of a feed at {@code feed} with extra allowed {@code hosts} ("host" or "host:port").
   * Resolves the feed's host to learn which address classes it may use.
   */
  static FetchPolicy forFeed(URI feed, List<String> hosts, Resolver resolver)
      throws UnknownHostException {
    Set<Origin> origins = new HashSet<>();
    origins.add(Origin.of(feed));
    for (String host : hosts) {
      origins.add(Origin.of(URI.create("http://" + host)));
    }
    Set<AddressClass> classes = EnumSet.of(AddressClass.PUBLIC);
    for (InetAddress address : resolver.resolve(feed.getHost())) {
      classes.add(classOf(address));
    }
    return new FetchPolicy(Set.copyOf(origins), classes, resolver);
  }

  /**
   * Refuses a URL whose scheme, host or addresses are not allowed. The fetcher's DNS checks the
   * addresses again when it connects.
   */
  void check(URI url) throws UnknownHostException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused("not http(s): " + (scheme.isEmpty() ? "no scheme" : scheme));
    }
    if (url.getHost() == null) {
      throw new Refused("no host");
    }
    Origin origin = Origin.of(url);
    if (!origins.contains(origin)) {
      throw new Refused("host " + origin + " is neither the feed's nor one of its hosts");
    }
    addresses(origin.host());
  }

  /** The addresses of an allowed host, all of them of an allowed class, or {@link Refused}. */
  List<InetAddress> addresses(String host) throws UnknownHostException {
    List<InetAddress> all = resolver.resolve(host);
    List<InetAddress> allowed = new ArrayList<>(all.size());
    for (InetAddress address : all) {
      AddressClass c = classOf(address);
      if (!classes.contains(c)) {
        throw new Refused(
            host + " resolves to " + address.getHostAddress() + ", a " + describe(c) + " address");
      }
      allowed.add(address);
    }
    if (allowed.isEmpty()) {
      throw new UnknownHostException(host);
    }
    return allowed;
  }

  static AddressClass classOf(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(b);
      if (embedded != null) {
        try {
          return classOf(InetAddress.getByAddress(embedded));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e); // four bytes are always an address
        }
      }
      if ((b[0] & 0xff) == 0xfd
          && (b[1] & 0xff) == 0x00
          && (b[2] & 0xff) == 0x0e
          && (b[3] & 0xff) == 0xc2
          && isZero(b, 4, 14)
          && (b[14] & 0xff) == 0x02
          && (b[15] & 0xff) == 0x54) {
        return AddressClass.METADATA; // fd00:ec2::254, AWS's metadata over IPv6
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return AddressClass.PRIVATE; // fc00::/7, unique local
      }
    }
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 169 && second == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
        return AddressClass.METADATA; // AWS, GCP, Azure, OpenStack...
      }
      if (first == 100 && second == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
        return AddressClass.METADATA; // Alibaba Cloud
      }
      if (first == 100 && (second & 0xc0) == 64) {
        return AddressClass.PRIVATE; // 100.64/10, carrier-grade NAT: not the internet either
      }
      if (first == 0) {
        return AddressClass.UNSPECIFIED; // 0/8: "this network", 0.0.0.0 reaches the host itself
      }
    }
    if (address.isAnyLocalAddress()) {
      return AddressClass.UNSPECIFIED;
    }
    if (address.isLoopbackAddress()) {
      return AddressClass.LOOPBACK;
    }
    if (address.isLinkLocalAddress()) {
      return AddressClass.LINK_LOCAL;
    }
    if (address.isSiteLocalAddress()) {
      return AddressClass.PRIVATE; // 10/8, 172.16/12, 192.168/16, fec0::/10
    }
    if (address.isMulticastAddress()) {
      return AddressClass.MULTICAST;
    }
    return AddressClass.PUBLIC;
  }

  /**
   * The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6
   * address, which reach that IPv4 host; null for other addresses. (Java already turns
   * ::ffff:a.b.c.d into an IPv4 address.)
   */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean compatible =
        isZero(b, 0, 12) && !isZero(b, 12, 16) && !(isZero(b, 12, 15) && b[15] == 1);
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && isZero(b, 4, 12);
    return compatible || nat64 ? new byte[] {b[12], b[13], b[14], b[15]} : null;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String describe(AddressClass c) {
    return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
