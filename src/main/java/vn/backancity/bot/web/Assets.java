package vn.backancity.bot.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /assets/{file}}: the pages' scripts and style sheets, bundled in the jar and read
 * once. Files rather than inline blocks, because the Content-Security-Policy runs only files from
 * here. Only the named files are served: the path never reaches the file system or the class path.
 */
final class Assets {
  /** Our own pages' files. */
  static final String PAGES = "/web/";

  /**
   * uPlot's browser build, from its WebJar (the version is pom.xml's {@code uplot.version}): the
   * admin dashboard draws its charts with it, and no request leaves the server.
   */
  static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  private record Asset(byte[] body, String type) {}

  private final Map<String, Asset> files = new HashMap<>();

  /**
   * @param folders for each class-path folder, the file names served from it under {@code
   *     /assets/}; a name given twice is refused
   */
  Assets(Map<String, List<String>> folders) {
    folders.forEach(
        (folder, names) -> {
          for (String name : names) {
            if (files.put(name, new Asset(resource(folder + name), type(name))) != null) {
              throw new IllegalArgumentException("two assets named " + name);
            }
          }
        });
  }

  void handle(Context ctx) {
    Asset asset = files.get(ctx.pathParam("file"));
    if (asset == null) {
      throw new NotFoundResponse("Không tìm thấy tệp này.");
    }
    // Short: a new version's files reach browsers within minutes, without fingerprinted names.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType(asset.type()).result(asset.body());
  }

  static byte[] resource(String path) {
    try (InputStream in = Assets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    throw new IllegalArgumentException("no content type for " + name);
  }
}
