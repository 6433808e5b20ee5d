package vn.backancity.bot.search;

/** What kind of thing a question asks for, read from its question words. */
public enum QuestionType {
  /** "bao nhiêu", "mấy": a number. */
  NUMBER,
  /** "ai": a person. */
  PERSON,
  /** "khi nào", "năm nào", "bao giờ": a date or year. */
  DATE,
  /** "ở đâu", "xã nào": a place. */
  PLACE,
  /** Anything else, including bare keywords. */
  OTHER
}
