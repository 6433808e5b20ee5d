package vn.backancity.bot.testing;

import java.time.Instant;
import java.util.List;
import vn.backancity.bot.article.Article;

/**
 * Articles for the graded answer (issue 13): two about different things that a short question
 * matches equally ("lịch tháng 12": vaccinations or rubbish collection), and one dated before the
 * 2025 reorganisation naming the city.
 */
public final class GradedArticles {
  /** Matches both {@link #VACCINATION} and {@link #RUBBISH} with close scores. */
  public static final String AMBIGUOUS = "lịch tháng 12";

  public static final String VACCINATION = "Thông báo lịch tiêm chủng cho trẻ em";
  public static final String RUBBISH = "Lịch thu gom rác thải sinh hoạt";
  public static final String ROADS = "Phường Xuất Hóa ra quân làm đường giao thông";

  /** Shares some words with {@link #RUBBISH} only: "possibly related", not an answer. */
  public static final String PARTLY = "rác thải công nghiệp xử lý thế nào";

  private GradedArticles() {}

  public static List<Article> all() {
    return List.of(
        article(
            "lich-tiem",
            VACCINATION,
            "2024-12-01T01:00:00Z",
            "Trạm y tế phường thông báo lịch tiêm chủng tháng 12 cho trẻ em dưới 5 tuổi."
                + " Phụ huynh mang theo sổ tiêm chủng."),
        article(
            "lich-rac",
            RUBBISH,
            "2024-12-02T01:00:00Z",
            "Công ty môi trường thông báo lịch thu gom rác tháng 12 tại các tổ dân phố."
                + " Người dân để rác đúng giờ quy định."),
        article(
            "xuat-hoa",
            ROADS,
            "2020-03-05T01:00:00Z",
            "Ngày 5/3/2020, nhân dân phường Xuất Hóa, thành phố Bắc Kạn ra quân làm đường bê"
                + " tông nông thôn dài 2 km."));
  }

  static Article article(String id, String title, String published, String body) {
    return new Article(
        id, title, null, Instant.parse(published), "", List.of(body), List.of(), null, List.of());
  }
}
