package org.align4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesInputTest {
    @TempDir Path tmp;

    @Test
    void blankLinesAreSkippedAndEveryOtherLineKeepsItsNumberAndPlace() throws Exception {
        Path f = Files.writeString(tmp.resolve("in.jsonl"), "{\"a\": 1}\n\n   \n[2]\n");
        List<String> rows = JsonLinesInput.read(f, l -> l.number() + " " + l.where() + " " + l.json());
        assertThat(rows).containsExactly("1 " + f + ":1 {\"a\":1}", "4 " + f + ":4 [2]");
    }

    @Test
    void aMalformedLineAMissingFileAndBytesThatAreNotUtf8AreNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "{\"a\": 1}\n{oops\n");
        assertThatThrownBy(() -> JsonLinesInput.read(bad, l -> l)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ":2: malformed JSON (");
        assertThatThrownBy(() -> JsonLinesInput.read(tmp.resolve("none.jsonl"), l -> l))
                .hasMessage(tmp.resolve("none.jsonl") + ": no such file");
        Path latin1 = Files.write(tmp.resolve("latin1.jsonl"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> JsonLinesInput.read(latin1, l -> l))
                .hasMessage(latin1 + ": is not valid UTF-8; re-encode it as UTF-8");
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
        assertThatThrownBy(() -> JsonLinesInput.first(bad)).hasMessageStartingWith(bad + ":2: malformed JSON (");
    }
}
