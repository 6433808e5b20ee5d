package vn.backancity.bot.search;

/** The two forms a word is indexed and searched in. */
public enum WordForm {
  /** Lower case, tone mark placed canonically: "hoà" and "hòa" become one term. */
  CANONICAL,
  /** Lower case, no diacritics: what a user typing "bac kan" produces. */
  FOLDED;

  /** The term for one token, already NFC. */
  public String apply(String token) {
    String digits = withoutLeadingZeros(token);
    if (digits != null) {
      return digits;
    }
    String canonical = VietnameseText.canonicalWord(token);
    return this == CANONICAL ? canonical : VietnameseText.fold(canonical);
  }

  private static String withoutLeadingZeros(String token) {
    int n = token.length();
    if (n < 2 || token.charAt(0) != '0') {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return null;
      }
    }
    int first = 0;
    while (first < n - 1 && token.charAt(first) == '0') {
      first++;
    }
    return token.substring(first);
  }
}
