package vn.backancity.bot.search;

/** What kind of thing a question asks for, read from its question words. */
public enum QuestionType {
  /** "bao nhiêu", "mấy" (typed with its diacritics): a count, which the answer must give. */
  NUMBER,
  /**
   * A quantity named ("thu ngân sách 9 tháng", "tỷ lệ hộ nghèo"), or "may" typed without diacritics
   * (also "máy"): a figure likely answers.
   */
  QUANTITY,
  /** "ai": a person. */
  PERSON,
  /** "khi nào", "năm nào", "bao giờ": a date or year. */
  DATE,
  /** "ở đâu", "xã nào": a place. */
  PLACE,
  /** Anything else, including bare keywords. */
  OTHER
}
