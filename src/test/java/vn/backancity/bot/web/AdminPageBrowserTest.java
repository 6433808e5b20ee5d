package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.Browser;
import vn.backancity.bot.testing.BrowserSite;

/**
 * {@code /admin} in a real headless Chromium against the real server: logging in, the dashboard,
 * and the editors' loop through the web chat (a question the bot could not answer, answered in the
 * review queue, then asked again without diacritics, then voted 👎). With {@code SCREENSHOTS_DIR}
 * set, saves {@code admin.png} and {@code chat.png} there.
 */
class AdminPageBrowserTest {
  static final String TOKEN = "browser-admin-token";
  static final String UNANSWERED = "Giá vàng hôm nay";
  static final String FOR_STAFF = "Giá xăng dầu hôm nay";

  @TempDir static Path data;
  static BrowserSite site;
  static Browser browser;
  static AdminClient admin;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    site = BrowserSite.open(data, TOKEN);
    browser = site.browser();
    admin = site.admin(TOKEN);
    base = site.base();
  }

  @BeforeEach
  void needsBrowser() {
    Browser.assumeOpen(browser);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  static JsonNode get(String path) throws Exception {
    return admin.json(admin.send("GET", path, null));
  }

  static void ask(String question) throws Exception {
    admin.send("GET", "/api/ask?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8), null);
  }

  /** Opens /admin logged out, and logs in with {@code token}. */
  static void logIn(String token) {
    browser.get(base + "/admin");
    browser.script("sessionStorage.clear()");
    browser.get(base + "/admin");
    browser.find("#token").sendKeys(token);
    browser.find("#login button").click();
  }

  @Test
  void aCorrectTokenShowsTheConsoleInsteadOfABlankPageAndTheDashboardHoldsTheQuestions()
      throws Exception {
    ask("Khu di tích Nà Pậu ở đâu?");
    ask("<img src=x> lịch cắt điện tuần này");
    Browser.poll(
        () -> get("/api/admin/dashboard?days=14").path("totals").path("asked").asInt() >= 2);
    browser.consoleProblems();

    logIn("not-the-token");
    assertThat(browser.awaitText("#login-error")).isEqualTo("Mã quản trị không đúng.");
    assertThat(browser.find("#app").isDisplayed()).isFalse();

    browser.find("#token").clear();
    browser.find("#token").sendKeys(TOKEN);
    browser.find("#login button").click();

    browser.visible("#chart canvas");
    assertThat(browser.find("#app").isDisplayed()).isTrue();
    assertThat(browser.find("#login").isDisplayed()).isFalse();
    assertThat(browser.find("#dashboard").getText())
        .contains("Tổng quan 14 ngày qua", "câu hỏi", "trả lời được")
        .contains("Khu di tích Nà Pậu ở đâu?")
        .contains("<img src=x> lịch cắt điện tuần này");
    assertThat(Integer.parseInt(browser.find("#figures .value").getText()))
        .isGreaterThanOrEqualTo(2);
    assertThat(browser.findAll("#app img")).as("data is never parsed as markup").isEmpty();
    assertThat(browser.findAll("#days-table tbody tr")).as("every day of the range").hasSize(14);
    assertThat(browser.find("#app-error").getText()).isEmpty();
    assertThat(browser.find("#app").getText())
        .as("every figure read from the API's shapes")
        .doesNotContain("undefined", "NaN", "[object");
    assertThat(browser.consoleProblems())
        .as("no script error or CSP refusal, only the wrong token's 401")
        .allMatch(m -> m.contains("/api/admin/overview") && m.contains("401"));
  }

  @Test
  void
      anUnansweredQuestionAnsweredInTheQueueIsTheCuratedAnswerOnTheChatAndAThumbsDownThereIsCounted() {
    browser.get(base + "/");
    browser.find("#q").sendKeys(UNANSWERED + "\n");
    browser.await(d -> browser.find(".msg.bot:last-child").getText().startsWith("Xin lỗi"));

    logIn(TOKEN);
    browser.visible("#refresh"); // the console shows once the token is checked
    WebElement group =
        browser.awaitClicking(
            "#refresh",
            d ->
                browser.findAll("#queue .group").stream()
                    .filter(g -> g.getText().contains(UNANSWERED))
                    .findFirst()
                    .orElse(null));
    assertThat(group.getText()).contains("1 lượt hỏi", "Web 1");
    group.findElements(By.tagName("summary")).get(1).click();
    group
        .findElement(By.cssSelector(".write textarea"))
        .sendKeys("Trợ lý không theo dõi giá vàng. Bạn xem giá tại các ngân hàng trên địa bàn.");
    group
        .findElement(By.cssSelector(".write input[type=url]"))
        .sendKeys("https://backancity.gov.vn/gia-vang");
    group.findElement(By.cssSelector(".write button")).click();
    assertThat(browser.awaitText("#queue-result")).startsWith("Đã lưu câu trả lời chính thức");
    assertThat(browser.visible("#answers").getText()).contains(UNANSWERED, "không theo dõi giá");

    browser.get(base + "/");
    browser.find("#q").sendKeys("gia vang hom nay\n");
    WebElement curated = browser.visible(".answer.curated");
    assertThat(curated.findElement(By.cssSelector(".badge")).getText())
        .isEqualTo("Câu trả lời chính thức của thành phố");
    assertThat(curated.getText()).contains("Trợ lý không theo dõi giá vàng.");
    browser.find(".vote[data-vote=down]").click();
    browser.visible(".reason input").sendKeys("Cần thêm địa chỉ các ngân hàng");
    browser.find(".reason button").click();
    browser.await(d -> browser.find(".feedback .status").getText().contains("góp ý"));
    assertThat(browser.find(".vote[data-vote=down]").getAttribute("aria-pressed"))
        .isEqualTo("true");
    browser.screenshot("chat.png", 800);

    browser.get(base + "/admin");
    browser.visible("#tab-disliked").click();
    WebElement disliked =
        browser.awaitClicking(
            "#refresh",
            d ->
                browser.findAll("#queue .group").stream()
                    .filter(g -> g.getText().contains("Cần thêm địa chỉ các ngân hàng"))
                    .findFirst()
                    .orElse(null));
    assertThat(disliked.getText()).containsIgnoringCase("gia vang hom nay");
    assertThat(browser.find("#figures").getText()).contains("1 chưa đúng");
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("admin.png", 1700);
  }

  @Test
  void aQuestionTheChatSendsToTheStaffIsAnsweredInTheConsoleAndReadBackByItsCode() {
    browser.consoleProblems();
    browser.get(base + "/");
    browser.find("#q").sendKeys(FOR_STAFF + "\n");
    browser.await(d -> browser.find(".msg.bot:last-child").getText().startsWith("Xin lỗi"));
    browser.find(".msg.bot:last-child .ask-staff").click();
    String sent = browser.awaitText(".handoff-result");
    assertThat(sent).contains("Mã tra cứu: ");
    String code = browser.find(".handoff-result").getAttribute("data-code");
    assertThat(code).matches("[A-Z2-9]{6}");

    logIn(TOKEN);
    browser.visible("#refresh"); // the console shows once the token is checked
    WebElement request =
        browser.awaitClicking(
            "#refresh",
            d ->
                browser.findAll("#handoff-list .group").stream()
                    .filter(g -> g.getText().contains(FOR_STAFF))
                    .findFirst()
                    .orElse(null));
    assertThat(request.getText()).contains("Mã " + code, "Web");
    request.findElement(By.tagName("summary")).click();
    assertThat(request.getText()).contains("Trợ lý không tìm thấy câu trả lời.");
    request
        .findElement(By.cssSelector(".write textarea"))
        .sendKeys("Giá xăng dầu do Bộ Công Thương công bố; <b>xem</b> tại các cửa hàng.");
    request.findElement(By.cssSelector(".write input[type=checkbox]")).click();
    request.findElement(By.cssSelector(".write button")).click();
    assertThat(browser.awaitText("#handoff-result")).startsWith("Đã trả lời câu hỏi " + code);
    browser.find("#tab-handoffs-answered").click();
    assertThat(browser.visible("#handoff-list .group").getText())
        .contains(FOR_STAFF, "Bộ Công Thương", "Đã lưu làm câu trả lời chính thức");
    assertThat(browser.findAll("#handoff-list b")).as("a reply is text, never markup").isEmpty();

    browser.get(base + "/");
    browser.find("#q").sendKeys("trạng thái " + code.toLowerCase() + "\n");
    assertThat(browser.visible(".staff-reply").getText()).contains("Bộ Công Thương", "<b>xem</b>");
    assertThat(browser.consoleProblems()).as("no script error or CSP refusal").isEmpty();
  }

  @Test
  void aRefusedAnnouncementIsExplainedInVietnameseAndNothingIsSent() throws Exception {
    int before = get("/api/admin/announcements").path("announcements").size();
    logIn(TOKEN);
    browser.visible("#text").sendKeys("Thông báo cắt điện phường Đức Xuân");
    browser.find("#link").sendKeys("javascript:alert(1)");
    browser.find("#compose button").click();
    assertThat(browser.awaitText("#compose-result"))
        .isEqualTo(
            "Chưa tạo được thông báo: Đường dẫn phải là một địa chỉ bắt đầu bằng http:// hoặc"
                + " https://.");
    assertThat(get("/api/admin/announcements").path("announcements")).hasSize(before);
  }

  @Test
  void theComposeFormsUrgentBoxMakesAnUrgentAnnouncement() throws Exception {
    logIn(TOKEN);
    browser.visible("#text").sendKeys("Lũ quét trên suối Nông Thượng, sơ tán ngay");
    browser.find("#urgent").click();
    browser.find("#compose button").click();
    String result = browser.awaitText("#compose-result");
    assertThat(result).startsWith("Đã tạo thông báo #");
    long id = Long.parseLong(result.replaceAll("\\D", ""));
    assertThat(get("/api/admin/announcements/" + id).path("urgent").asBoolean()).isTrue();
    browser.await(d -> browser.find("#announcements").getText().contains("🚨 KHẨN: Lũ quét"));
    assertThat(browser.find("#urgent").isSelected()).as("the form is reset").isFalse();
  }
}
