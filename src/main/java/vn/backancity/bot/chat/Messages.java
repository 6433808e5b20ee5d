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

  private Messages() {}
}
