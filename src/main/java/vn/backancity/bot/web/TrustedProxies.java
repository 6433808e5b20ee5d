package vn.backancity.bot.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request comes from. The direct peer, unless it is one of our reverse proxies: then the
 * rightmost address in X-Forwarded-For that is not one of them (each proxy appends the address it
 * saw; everything to the left of what our first proxy appended was written by the client and may be
 * made up). A header from any other peer is ignored: anyone can send one.
 *
 * <p>Addresses are compared in canonical form, and an IPv6 client is its /64 network: one home
 * connection gets a whole /64, so counting single addresses would let it make up new clients at
 * will. Only IP literals are read; nothing here ever asks DNS.
 */
final class TrustedProxies {
  // IPv4 only as dotted quads, parsed here: InetAddress.getByName would send a name to DNS.
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final int MAX_HOPS = 20;

  private final Set<String> proxies = new HashSet<>();
  private final Cache<String, String> directClients =
      Caffeine.newBuilder().maximumSize(PublicRateLimit.MAX_CLIENTS).build();

  /**
   * @throws IllegalArgumentException naming an entry that is not an IP address
   */
  TrustedProxies(List<String> addresses) {
    for (String address : addresses) {
      proxies.add(
          canonical(address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "limits.trusted-proxies: not an IP address: " + address)));
    }
  }

  /** Whether any proxy is trusted: without one, X-Forwarded-For is never read. */
  boolean any() {
    return !proxies.isEmpty();
  }

  /** The client of a request from {@code peer} carrying {@code forwardedFor} (may be null). */
  String clientOf(String peer, String forwardedFor) {
    if (forwardedFor == null) {
      // Most requests: only the peer counts. Its key kept (parsing the address was 1.4% of a
      // cached /api/ask); bounded like the rate limit's buckets.
      return directClients.get(peer, p -> clientOf(p, ""));
    }
    String direct = canonical(peer).orElse(peer);
    String client = direct;
    if (!forwardedFor.isEmpty() && proxies.contains(direct)) {
      String[] hops = forwardedFor.split(",");
      for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
        Optional<String> hop = canonical(hops[i]);
        if (hop.isEmpty()) {
          break; // garbage from here leftwards: keep the last address a proxy vouched for
        }
        client = hop.get();
        if (!proxies.contains(client)) {
          break;
        }
      }
    }
    return bucketKey(client);
  }

  /** The canonical text of an IP literal (brackets and spaces allowed), or empty. */
  static Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    try {
      if (IPV4.matcher(s).matches()) {
        String[] parts = s.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            return Optional.empty();
          }
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
      }
      if (s.indexOf(':') >= 0) {
        // With a ':' the JDK expects an IPv6 literal: it parses it, and never asks DNS.
        return Optional.of(InetAddress.getByName(s).getHostAddress());
      }
    } catch (UnknownHostException e) {
      // not an address
    }
    return Optional.empty();
  }

  private static String bucketKey(String address) {
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
            .append(':');
      }
      return key.append(":/64").toString();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
