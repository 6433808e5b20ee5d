package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The config tables' entries keep the numbers of their lines, blank and comment lines counted. */
class TableLinesTest {
  @Test
  void entriesAreStrippedAndNumberedAsInTheFile() {
    assertThat(
            TableLines.of("# a comment\n\n  UBND\tủy ban nhân dân  \r\n   \n#x\nHTX\thợp tác xã"))
        .containsExactly(
            new TableLines.Line(3, "UBND\tủy ban nhân dân"),
            new TableLines.Line(6, "HTX\thợp tác xã"));
    assertThat(TableLines.of("")).isEmpty();
  }

  @Test
  void aMalformedLineAfterCommentsIsNamedByItsLineInTheFile() {
    assertThatThrownBy(() -> Abbreviations.parse("# abbreviations\n\nUBND\tủy ban\nHĐND\n"))
        .hasMessageContaining("line 4");
    assertThatThrownBy(() -> Synonyms.parse("# synonyms\nlương\tthu nhập\n\nchỉ một cụm\n"))
        .hasMessageContaining("line 4");
  }
}
