package vn.backancity.bot.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection with a blocking socket: writes a prepared request, reads the
 * status, the headers and the body (Content-Length or chunked), and reconnects when the server
 * closes. Far cheaper per request than a general client, so that one core of load can saturate one
 * core of server; it knows only what the server under test sends.
 */
final class HttpConnection implements AutoCloseable {
  private final InetSocketAddress address;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] line = new byte[8192];

  HttpConnection(InetSocketAddress address, int timeoutMillis) {
    this.address = address;
    this.timeoutMillis = timeoutMillis;
  }

  /** A GET request's bytes. */
  static byte[] get(String host, String pathAndQuery) {
    return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A POST request's bytes, with a JSON body and extra header lines ("Name: value\r\n"). */
  static byte[] postJson(String host, String path, String headers, byte[] body) {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n"
                + headers
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /**
   * Sends one request and reads its whole answer.
   *
   * @return the status code
   * @throws IOException when the exchange failed (the connection is closed; the next call opens a
   *     new one)
   */
  int exchange(byte[] request) throws IOException {
    try {
      if (socket == null) {
        connect();
      }
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(address, timeoutMillis);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    out = s.getOutputStream();
  }

  private int readResponse() throws IOException {
    int n = readLine();
    // "HTTP/1.1 200 OK"
    if (n < 12 || line[0] != 'H') {
      throw new IOException("not an HTTP status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    while ((n = readLine()) > 0) {
      String header = new String(line, 0, n, StandardCharsets.ISO_8859_1);
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).strip();
      String value = header.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      while (true) {
        int size = readLine();
        String hex = new String(line, 0, size, StandardCharsets.ISO_8859_1);
        int semicolon = hex.indexOf(';');
        long chunk =
            Long.parseLong((semicolon < 0 ? hex : hex.substring(0, semicolon)).strip(), 16);
        if (chunk == 0) {
          while (readLine() > 0) {
            // trailers
          }
          break;
        }
        skip(chunk);
        readLine();
      }
    } else if (length >= 0) {
      skip(length);
    } else {
      // No length: the body ends with the connection.
      while (in.read(line) >= 0) {
        // discard
      }
      close = true;
    }
    if (close) {
      close();
    }
    return status;
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      int r = in.read(line, 0, (int) Math.min(line.length, left));
      if (r < 0) {
        throw new EOFException("body cut short");
      }
      left -= r;
    }
  }

  /** Reads one CRLF-terminated line into {@code line}; returns its length without the CRLF. */
  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n == line.length) {
        throw new IOException("header line longer than " + line.length + " bytes");
      }
      line[n++] = (byte) b;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
