package org.align4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesInputTest {
    @TempDir Path tmp;

    @Test
    void blankLinesAreSkippedAndEveryOtherLineKeepsItsNumberAndPlace() throws Exception {
        Path f = Files.writeString(tmp.resolve("in.jsonl"), "{\"a\": 1}\n\n   \n{\"b\": 2}\n");
        List<String> rows = JsonLinesInput.read(f, l -> l.number() + " " + l.where() + " " + l.json());
        assertThat(rows).containsExactly("1 " + f + ":1 {\"a\":1}", "4 " + f + ":4 {\"b\":2}");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAsDataValidateSkipsIt() throws Exception {
        // U+FEFF written as UTF-8 is the byte-order mark EF BB BF
        Path f = Files.writeString(tmp.resolve("bom.jsonl"), "\uFEFF{\"prompt\": \"a\"}\n", StandardCharsets.UTF_8);
        assertThat(JsonLinesInput.read(f, l -> l.json().get("prompt").asText())).containsExactly("a");
    }

    @Test
    void aDuplicateKeyContentAfterTheObjectAndALineThatIsNoObjectAreErrorsNamingTheLine() throws Exception {
        Path dup = Files.writeString(tmp.resolve("dup.jsonl"), "{\"prompt\": \"a\"}\n{\"prompt\":\"a\",\"prompt\":\"b\"}\n");
        assertThatThrownBy(() -> JsonLinesInput.read(dup, l -> l)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dup + ":2: malformed JSON at column ")
                .hasMessageContaining("Duplicate field 'prompt'")
                .hasMessageEndingWith("(fix the JSON; each line must hold one complete object)");
        Path trailing = Files.writeString(tmp.resolve("trailing.jsonl"), "{\"prompt\": \"a\"} {\"prompt\": \"b\"}\n");
        assertThatThrownBy(() -> JsonLinesInput.read(trailing, l -> l))
                .hasMessageStartingWith(trailing + ":1: malformed JSON at column ");
        Path array = Files.writeString(tmp.resolve("array.jsonl"), "{\"a\": 1}\n[2]\n");
        assertThatThrownBy(() -> JsonLinesInput.read(array, l -> l))
                .hasMessage(array + ":2: the line is an array, not a JSON object (write one {...} object per line)");
    }

    @Test
    void aJsonArrayOfObjectsIsReadLikeDataFilesWithTheLineEachStartsOn() throws Exception {
        Path f = Files.writeString(tmp.resolve("rows.json"), "[\n  {\"prompt\": \"a\"},\n  {\"prompt\": \"b\"}\n]\n");
        assertThat(JsonLinesInput.read(f, l -> l.where() + " " + l.json().get("prompt").asText()))
                .containsExactly(f + ":2 a", f + ":3 b");
    }

    @Test
    void aMalformedLineAMissingFileAndBytesThatAreNotUtf8AreNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "{\"a\": 1}\n{oops\n");
        assertThatThrownBy(() -> JsonLinesInput.read(bad, l -> l)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ":2: malformed JSON at column ");
        assertThatThrownBy(() -> JsonLinesInput.read(tmp.resolve("none.jsonl"), l -> l))
                .hasMessage(tmp.resolve("none.jsonl") + ": no such file");
        Path latin1 = Files.write(tmp.resolve("latin1.jsonl"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> JsonLinesInput.read(latin1, l -> l))
                .hasMessage(latin1 + ":1: invalid UTF-8 at byte 7 of the line (save the file as UTF-8; other encodings"
                        + " are not read)");
    }

    @Test
    void theRowRuleSeesEachLineAndItsErrorStopsTheRead() throws Exception {
        Path f = Files.writeString(tmp.resolve("in.jsonl"), "{\"a\": 1}\n{\"b\": 2}\n");
        assertThatThrownBy(() -> JsonLinesInput.read(f, l -> {
            if (l.json().has("b")) {
                throw new IllegalArgumentException(l.where() + ": no b here");
            }
            return l;
        })).hasMessage(f + ":2: no b here");
    }

    @Test
    void firstIsTheFirstNonBlankLineAndLeavesTheRestUnread() throws Exception {
        Path f = Files.writeString(tmp.resolve("in.jsonl"), "\n  \n{\"prompt\": \"p\"}\n{oops\n");
        JsonLinesInput.Line first = JsonLinesInput.first(f);
        assertThat(first.where()).isEqualTo(f + ":3");
        assertThat(first.json().get("prompt").asText()).isEqualTo("p");
        assertThat(JsonLinesInput.first(Files.writeString(tmp.resolve("blank.jsonl"), "\n \n"))).isNull();
        Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "\n{oops\n");
        assertThatThrownBy(() -> JsonLinesInput.first(bad)).hasMessageStartingWith(bad + ":2: malformed JSON at column ");
    }
}
