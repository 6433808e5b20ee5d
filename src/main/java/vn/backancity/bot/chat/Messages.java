package vn.backancity.bot.chat;

/** The bot's fixed Vietnamese texts, in one place so they read as one voice. */
public final class Messages {
  public static final String WELCOME =
      """
      Xin chào! Tôi là trợ lý tin tức của Cổng thông tin điện tử thành phố Bắc Kạn.
      Bạn cứ gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được. Tôi sẽ tìm bài viết \
      trả lời và gửi kèm đường dẫn.

      Ví dụ: "Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?"\
      """;

  public static final String HELP =
      """
      Cách dùng:
      • Gõ câu hỏi, ví dụ: "thu ngân sách năm 2023", "xã nào đạt chuẩn nông thôn mới"
      • /tim <câu hỏi> – tìm bài viết (dùng trong nhóm)
      • /moi – xem tin mới nhất
      • /dangky – nhận bản tin mỗi sáng; /dangky 18:30 – đổi giờ nhận
      • /dangky <chủ đề> – theo dõi một chủ đề, ví dụ /dangky nông thôn mới; thêm -<từ> để bỏ \
      qua bài có từ đó, ví dụ /dangky nông thôn mới -bóng đá
      • /caidat – xem và đổi cài đặt: giờ nhận, giờ yên lặng, cách nhận từng \
      chủ đề; /huy – hủy đăng ký
      • /hoinguoi <câu hỏi> – gửi câu hỏi cho cán bộ thành phố; /trangthai <mã> – xem trả lời
      • /help – xem hướng dẫn này\
      """;

  public static final String ANSWERS_HEADER = "Kết quả cho: ";
  public static final String NOT_FOUND =
      "Xin lỗi, tôi chưa tìm thấy bài viết nào trả lời câu hỏi này. Bạn thử hỏi ngắn gọn hơn"
          + " hoặc dùng từ khác, ví dụ \"nông thôn mới\", \"thu ngân sách\". Gõ /moi để xem tin"
          + " mới nhất.";
  public static final String NO_MORE = "Không còn kết quả nào khác.";
  public static final String EXPIRED = "Câu hỏi này đã cũ, bạn vui lòng hỏi lại nhé.";
  public static final String TEXT_ONLY =
      "Hiện tôi chỉ đọc được tin nhắn văn bản. Bạn vui lòng gõ câu hỏi bằng chữ nhé.";
  public static final String UNKNOWN_COMMAND = "Tôi chưa hiểu lệnh này.\n\n" + HELP;
  public static final String NO_ARTICLES = "Hiện chưa có bài viết nào.";
  public static final String LATEST_HEADER = "Tin mới nhất";
  public static final String READ = "Đọc bài";
  public static final String MORE = "Xem thêm";

  public static final String SUBSCRIBED =
      "Đã đăng ký nhận bản tin lúc %s mỗi ngày. Gõ /caidat để đổi giờ hoặc thêm chủ đề, /huy để"
          + " hủy.";
  public static final String TIME_CHANGED = "Đã đổi giờ nhận bản tin sang %s mỗi ngày.";
  public static final String BAD_TIME =
      "Giờ chưa đúng. Bạn gõ theo dạng giờ:phút, ví dụ /dangky 18:30.";
  public static final String TOPIC_ADDED = "Đã thêm chủ đề “%s”";
  public static final String TOPIC_EXISTS = "Bạn đã theo dõi chủ đề “%s” rồi.";
  public static final String TOPIC_TOO_LONG =
      "Chủ đề dài quá, bạn gõ ngắn gọn hơn nhé (tối đa %d ký tự).";
  public static final String TOO_MANY_TOPICS =
      "Bạn đã theo dõi %d chủ đề, là mức tối đa. Gõ /huy <chủ đề> để bỏ bớt.";
  public static final String TOPIC_REMOVED = "Đã bỏ chủ đề “%s”.";
  public static final String TOPIC_UNKNOWN = "Bạn chưa theo dõi chủ đề “%s”.";
  public static final String UNSUBSCRIBED =
      "Đã hủy đăng ký: bạn sẽ không nhận bản tin và tin báo nữa. Gõ /dangky nếu muốn nhận lại.";
  public static final String NOT_SUBSCRIBED =
      "Bạn chưa đăng ký nhận bản tin. Gõ /dangky để nhận bản tin mỗi sáng lúc %s.";
  public static final String DIGEST_OFF =
      "Đã tắt bản tin hằng ngày. Bạn vẫn nhận tin báo về các chủ đề đang theo dõi.";
  public static final String SETTINGS_HEADER = "Cài đặt của bạn";
  public static final String SETTINGS_DIGEST_ON = "Bản tin hằng ngày: bật, lúc %s";
  public static final String SETTINGS_DIGEST_OFF = "Bản tin hằng ngày: tắt";
  public static final String SETTINGS_TOPICS = "Chủ đề theo dõi: %s";
  public static final String SETTINGS_NO_TOPICS =
      "Chưa theo dõi chủ đề nào (gõ /dangky <chủ đề> để thêm).";
  public static final String ACTION_TIME = "Nhận lúc %s";
  public static final String ACTION_DIGEST_ON = "Bật bản tin";
  public static final String ACTION_DIGEST_OFF = "Tắt bản tin";
  public static final String ACTION_DROP_TOPIC = "Bỏ “%s”";
  public static final String ACTION_UNSUBSCRIBE = "Hủy tất cả";
  public static final String DIGEST_HEADER = "📰 Bản tin thành phố Bắc Kạn ngày %s";
  public static final String DIGEST_TOPICS_HEADER =
      "📰 Bản tin thành phố Bắc Kạn ngày %s – chủ đề: %s";
  public static final String ALERT_HEADER = "🔔 Tin mới về “%s”";
  public static final String MORE_ARTICLES = "và %d bài khác";
  public static final String ANNOUNCEMENT_HEADER = "📢 Thông báo";
  public static final String NOT_ADMIN = "Xin lỗi, chỉ cán bộ quản trị mới gửi được thông báo.";
  public static final String ANNOUNCE_USAGE =
      "Cách dùng: /thongbao <nội dung>. Tôi sẽ cho xem trước trước khi gửi.";
  public static final String PREVIEW = "Xem trước thông báo #%d, sẽ gửi tới %d người đăng ký:";
  public static final String SEND = "Gửi";
  public static final String CANCEL = "Huỷ";
  public static final String ANNOUNCEMENT_QUEUED = "Đã xếp thông báo #%d để gửi tới %d người.";
  public static final String ANNOUNCEMENT_CANCELLED = "Đã huỷ thông báo #%d.";
  public static final String ANNOUNCEMENT_GONE = "Thông báo #%d đã được gửi hoặc huỷ trước đó.";
  // Above an inline query's empty results ("@BotName …" in another chat).
  public static final String INLINE_ASK_IN_PRIVATE = "Chưa có kết quả – hỏi riêng trợ lý";

  public static final String ZALO_WELCOME =
      "Cảm ơn bạn đã quan tâm! Tôi là trợ lý tin tức của thành phố Bắc Kạn. Bạn cứ nhắn câu hỏi,"
          + " có dấu hay không dấu đều được.\n\nNhắn “dang ky” để nhận bản tin mỗi sáng lúc 07:00,"
          + " hoặc “dang ky chu de nông thôn mới” để theo dõi một chủ đề.";
  public static final String ZALO_HELP =
      """
      Cách dùng:
      • Nhắn câu hỏi, ví dụ: "thu ngân sách năm 2023"
      • "tin moi" – xem tin mới nhất
      • "dang ky" – nhận bản tin mỗi sáng; "dang ky 18:30" – đổi giờ nhận
      • "dang ky chu de <chủ đề>" – theo dõi một chủ đề (thêm -<từ> để bỏ qua bài có từ đó)
      • "gio yen lang 22:00-06:30" – không nhận tin thường trong khung giờ này
      • "cai dat" – xem cài đặt; "huy" – hủy đăng ký
      • "hoi can bo <câu hỏi>" – gửi câu hỏi cho cán bộ thành phố; "trang thai <mã>" – xem trả lời\
      """;
  public static final String ZALO_MORE = "Nhắn câu hỏi cụ thể hơn để xem kết quả khác.";
  public static final String ZALO_SETTINGS_HELP =
      "Nhắn “dang ky 18:30” để đổi giờ, “dang ky chu de <chủ đề>” để thêm chủ đề (thêm"
          + " “-<từ>” để bỏ qua bài có từ đó), “huy chu de <chủ đề>” để bỏ, “tat ban tin” để tắt"
          + " bản tin, “huy” để hủy tất cả.\n\nGiờ yên lặng: “gio yen lang 22:00-06:30”, “tat gio"
          + " yen lang”.\nTừng chủ đề: “chu de <chủ đề> bao ngay”, “chu de <chủ đề> chi ban tin”,"
          + " “tat chu de <chủ đề>”.";

  private Messages() {}

  // The editors' loop: feedback on answers and the city's own answers.
  public static final String HELPFUL = "👍 Hữu ích";
  public static final String NOT_HELPFUL = "👎 Chưa đúng";
  public static final String THANKS = "Cảm ơn bạn đã góp ý!";
  public static final String ASK_REASON =
      "Cảm ơn bạn đã cho biết. Nếu muốn, bạn nhắn «sai: …» kèm điều chưa đúng, cán bộ biên tập"
          + " sẽ xem và bổ sung câu trả lời.";
  public static final String REASON_NOTED = "Cảm ơn bạn, góp ý đã được ghi lại để cán bộ xem xét.";
  public static final String NOTHING_TO_RATE =
      "Chưa có câu trả lời nào gần đây để góp ý. Bạn cứ nhắn câu hỏi nhé.";
  public static final String ZALO_RATE =
      "Câu trả lời có giúp được bạn không? Nhắn «đúng» hoặc «sai» (có thể kèm lý do, ví dụ"
          + " «sai: thiếu địa chỉ»).";

  // Asking a person: a question sent to the city's staff, found again by its lookup code.
  public static final String ASK_STAFF = "🙋 Hỏi cán bộ";
  public static final String HANDOFF_OFFER =
      "Bạn cũng có thể bấm «Hỏi cán bộ» để gửi câu hỏi này cho cán bộ thành phố.";
  public static final String ZALO_HANDOFF_OFFER =
      "Bạn cũng có thể nhắn «hỏi cán bộ» để gửi câu hỏi này cho cán bộ thành phố.";
  public static final String HANDOFF_SENT =
      "Đã gửi câu hỏi của bạn tới cán bộ thành phố. Mã tra cứu: %s\n\nKhi cán bộ trả lời, tôi sẽ"
          + " nhắn lại cho bạn tại đây. Để xem trạng thái, bạn gõ: %s";
  public static final String HANDOFF_USAGE =
      "Bạn gõ câu hỏi cần gửi cho cán bộ thành phố, ví dụ: %s lịch cắt điện tuần này thế nào?";
  public static final String HANDOFF_TOO_SOON =
      "Bạn vừa gửi một câu hỏi cho cán bộ. Bạn vui lòng đợi %d giây rồi gửi câu tiếp theo nhé.";
  public static final String HANDOFF_BUSY =
      "Hiện có rất nhiều câu hỏi đang chờ cán bộ trả lời. Bạn vui lòng gửi lại sau ít phút nhé.";
  public static final String HANDOFF_PRIVATE_ONLY =
      "Để gửi câu hỏi cho cán bộ thành phố, bạn vui lòng nhắn riêng cho tôi nhé.";
  public static final String HANDOFF_OPEN =
      "Câu hỏi %s (gửi lúc %s) đang chờ cán bộ trả lời.\n\nBạn hỏi: «%s»";
  public static final String HANDOFF_ANSWERED =
      "Câu hỏi %s đã được cán bộ trả lời lúc %s.\n\nBạn hỏi: «%s»\n\nTrả lời: %s";
  public static final String HANDOFF_UNKNOWN =
      "Không tìm thấy câu hỏi nào có mã %s. Bạn kiểm tra lại mã giúp tôi nhé.";
  public static final String HANDOFF_NONE =
      "Bạn chưa gửi câu hỏi nào cho cán bộ. Để gửi, bạn gõ: %s <câu hỏi>";
  public static final String HANDOFF_MINE = "Câu hỏi bạn đã gửi cho cán bộ:";
  public static final String HANDOFF_WAITING =
      "Bạn đang có %d câu hỏi chờ cán bộ trả lời. Bạn gửi thêm được khi cán bộ đã trả lời; gõ %s"
          + " để xem các câu hỏi đó.";
  public static final String HANDOFF_CLOSED =
      "Câu hỏi %s đã được cán bộ đóng mà không trả lời riêng (có thể đã có thông tin chung,"
          + " hoặc câu hỏi không thuộc phạm vi của thành phố).\n\nBạn hỏi: «%s»";
  public static final String HANDOFF_LINE_CLOSED = "• %s – đã đóng";
  public static final String HANDOFF_LINE_OPEN = "• %s – đang chờ trả lời (gửi lúc %s)";
  public static final String HANDOFF_LINE_ANSWERED = "• %s – đã có trả lời, gõ %s để xem";
  public static final String HANDOFF_REPLY_HEADER = "💬 Cán bộ thành phố trả lời câu hỏi %s";
  public static final String HANDOFF_REPLY_QUOTE = "Bạn hỏi: «%s»";
  // Urgent announcements, quiet hours, topic modes and previews.
  public static final String URGENT_HEADER = "🚨 THÔNG BÁO KHẨN";
  public static final String SEND_URGENT = "Gửi khẩn";
  public static final String PREVIEW_URGENT_HINT =
      "«Gửi khẩn» dành cho tin bão lũ, mất điện, mất nước: gửi trước mọi tin khác, kể cả trong giờ"
          + " yên lặng của người nhận.";
  public static final String ANNOUNCEMENT_QUEUED_URGENT =
      "Đã xếp thông báo khẩn #%d để gửi ngay tới %d người.";
  public static final String SETTINGS_QUIET =
      "Giờ yên lặng: %s (tin thường chờ đến hết giờ; thông báo khẩn vẫn gửi ngay)";
  public static final String SETTINGS_NO_QUIET = "Giờ yên lặng: chưa đặt";
  public static final String QUIET_NOW = "Giờ yên lặng: %s mỗi ngày.";
  public static final String QUIET_EXPLAIN =
      "Trong giờ yên lặng, bản tin, tin báo chủ đề và thông báo thường chờ đến hết giờ mới gửi;"
          + " thông báo khẩn vẫn gửi ngay. Chọn một khung giờ dưới đây, hoặc nhắn khung giờ khác,"
          + " ví dụ «giờ yên lặng 22:00-06:30».";
  public static final String ACTION_QUIET = "🌙 Giờ yên lặng";
  public static final String ACTION_QUIET_SET = "🌙 %s";
  public static final String ACTION_QUIET_OFF = "Tắt giờ yên lặng";
  public static final String ACTION_BACK = "« Quay lại";
  public static final String QUIET_SET =
      "Đã đặt giờ yên lặng %s mỗi ngày: tin thường trong khung giờ này sẽ chờ đến hết giờ.";
  public static final String QUIET_OFF = "Đã tắt giờ yên lặng.";
  public static final String BAD_QUIET =
      "Khung giờ chưa đúng. Bạn nhắn theo dạng giờ:phút-giờ:phút, ví dụ «giờ yên lặng"
          + " 22:00-06:30».";
  public static final String QUIET_NEEDS_SUBSCRIPTION =
      "Giờ yên lặng dành cho người đăng ký nhận tin. Bạn đăng ký bản tin hoặc một chủ đề trước"
          + " nhé.";
  public static final String MODE_ALERT = "báo ngay";
  public static final String MODE_DIGEST = "chỉ trong bản tin";
  public static final String MODE_MUTED = "đang tắt";
  public static final String MODE_ALERT_MEANS =
      "báo ngay khi có bài mới (nhiều nhất một lần mỗi giờ), và có trong bản tin hằng ngày";
  public static final String MODE_DIGEST_MEANS = "chỉ có trong bản tin hằng ngày, không báo riêng";
  public static final String MODE_MUTED_MEANS =
      "đang tắt: không báo, không có trong bản tin (chủ đề vẫn được giữ)";
  public static final String TOPIC_VIEW = "Chủ đề “%s”: %s.";
  public static final String ACTION_TOPIC = "⚙ “%s”";
  public static final String ACTION_MODE_ALERT = "🔔 Báo ngay khi có bài mới";
  public static final String ACTION_MODE_DIGEST = "📰 Chỉ trong bản tin";
  public static final String ACTION_MODE_MUTED = "🔕 Tắt chủ đề này";
  public static final String MODE_CHANGED = "Chủ đề “%s”: %s.";
  public static final String TOPIC_UPDATED = "Đã cập nhật chủ đề “%s”";
  public static final String TOPIC_ADDED_NOTE =
      "Khi có bài mới về chủ đề này tôi sẽ báo bạn (nhiều nhất một lần mỗi giờ), và bản tin hằng"
          + " ngày chỉ gồm bài về các chủ đề bạn theo dõi. Bạn có thể chọn chỉ nhận trong bản tin"
          + " hoặc tạm tắt chủ đề trong phần cài đặt.";
  public static final String TOPIC_EXCLUDES = "Bài có %s sẽ được bỏ qua.";
  public static final String TOPIC_PREVIEW = "Các bài gần đây nhất về chủ đề này:";
  public static final String TOPIC_NO_PREVIEW =
      "Hiện chưa có bài nào về chủ đề này. Khi có bài mới, tôi sẽ báo bạn.";

  // ---- Graded answers, ask-back and renamed places (issue 13). Each with its English meaning.
  // ----

  /** "I found no sure answer to this question. These articles may be related:" */
  public static final String SUGGESTIONS_HEADER =
      "Tôi chưa tìm thấy câu trả lời chắc chắn cho câu hỏi này. Các bài sau có thể liên quan:";

  /** "Possibly related" (the label of each suggestion). */
  public static final String POSSIBLY_RELATED = "Có thể liên quan";

  /** "Your question may be about one of these. Which one do you mean?" */
  public static final String CHOICES_HEADER =
      "Câu hỏi của bạn có thể về một trong các nội dung sau. Bạn muốn hỏi về nội dung nào?";

  /** "Type 1 or 2 to see the answer." (Zalo, where choices are typed) */
  public static final String ZALO_CHOOSE = "Gõ 1 hoặc 2 để xem câu trả lời.";

  /** "Article from before %s, before the administrative units were reorganised." */
  public static final String PLACES_CHANGED =
      "Bài viết trước ngày %s, trước khi sắp xếp lại đơn vị hành chính.";

  /** The note for an answer from an article that predates a change of a unit it names. */
  public static String placesChanged(java.time.LocalDate date) {
    return PLACES_CHANGED.formatted(
        java.time.format.DateTimeFormatter.ofPattern("dd/M/yyyy").format(date));
  }
}
