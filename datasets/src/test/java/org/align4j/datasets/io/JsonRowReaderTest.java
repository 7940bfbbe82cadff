package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRowReaderTest {
    private static List<JsonRow> read(byte[] bytes) {
        List<JsonRow> rows = new ArrayList<>();
        try (JsonRowReader r = JsonRowReader.open(new ByteArrayInputStream(bytes), "f.jsonl")) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<JsonRow> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(List<JsonRow> rows) {
        return rows.stream().filter(r -> !r.isReadable()).map(r -> r.problem().toString()).toList();
    }

    @Test
    void jsonlRowsCarryTheirLineNumbersAndBlankLinesAreSkipped() {
        List<JsonRow> rows = read("{\"a\":1}\n\n  \r\n{\"a\":\"中文\"}\r\n{\"a\":3}");
        assertThat(rows).extracting(JsonRow::line).containsExactly(1L, 4L, 5L);
        assertThat(rows.get(1).json().get("a").textValue()).isEqualTo("中文");
        assertThat(problems(rows)).isEmpty();
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() {
        byte[] body = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(withBom)).singleElement().extracting(JsonRow::isReadable).isEqualTo(true);
    }

    @Test
    void malformedJsonIsReportedAndTheNextLinesAreStillRead() {
        List<JsonRow> rows = read("{\"a\":1}\n{\"a\":\n{\"a\":3}\n[1,2]\n{\"a\":1}{\"b\":2}\n{\"a\":1,\"a\":2}\n");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(2).isReadable()).isTrue();
        List<String> p = problems(rows);
        assertThat(p).hasSize(4);
        assertThat(p.get(0)).startsWith("f.jsonl:2: malformed JSON at column ")
                .endsWith("(fix the JSON; each line must hold one complete object)");
        assertThat(p.get(1)).isEqualTo("f.jsonl:4: the line is an array, not a JSON object (write one {...} object per line)");
        assertThat(p.get(2)).startsWith("f.jsonl:5: malformed JSON").contains("Trailing token");
        assertThat(p.get(3)).startsWith("f.jsonl:6: malformed JSON").contains("Duplicate field 'a'");
    }

    @Test
    void invalidUtf8IsReportedWithItsByteOffsetAndReadingGoesOn() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"a\":1}\n{\"a\":\"".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3);
        b.write(0x28);
        b.writeBytes("\"}\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8));
        List<JsonRow> rows = read(b.toByteArray());
        assertThat(problems(rows)).containsExactly(
                "f.jsonl:2: invalid UTF-8 at byte 7 of the line (save the file as UTF-8; other encodings are not read)");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).isReadable()).isTrue();
    }

    @Test
    void jsonArrayElementsCarryTheLineTheyStartOn() {
        List<JsonRow> rows = read("[\n  {\"a\": 1},\n  {\"a\":\n    2},\n  {\"a\": 3}\n]\n");
        assertThat(rows).extracting(JsonRow::line).containsExactly(2L, 3L, 5L);
        assertThat(rows.get(1).json().get("a").intValue()).isEqualTo(2);
        try (JsonRowReader r = JsonRowReader.open(new ByteArrayInputStream(" [ ]".getBytes()), "x.json")) {
            assertThat(r.isJsonArray()).isTrue();
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void jsonArrayProblemsAreReported() {
        assertThat(problems(read("[{\"a\":1},\n 5,\n {\"a\":2}]"))).containsExactly(
                "f.jsonl:2: array element 2 is a number, not a JSON object (make every element a {...} object)");
        List<JsonRow> broken = read("[{\"a\":1},\n {\"a\" 2},\n {\"a\":3}]");
        assertThat(broken).hasSize(2);
        assertThat(problems(broken)).singleElement().asString().startsWith("f.jsonl:2: malformed JSON: ")
                .endsWith("; the rest of the array was not read (fix the JSON and validate again)");
        assertThat(problems(read("[{\"a\":1},\n{\"a\":2}\n"))).singleElement().asString()
                .startsWith("f.jsonl:3: malformed JSON: Unexpected end-of-input");
        assertThat(problems(read("[{\"a\":1}]\n{\"b\":2}"))).containsExactly(
                "f.jsonl:2: content after the closing ] of the array (remove it, or merge it into the array)");
    }

    @Test
    void invalidUtf8InAJsonArrayIsNamed() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("[{\"a\":1},\n{\"a\":\"".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.writeBytes("\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(problems(read(b.toByteArray()))).singleElement().asString()
                .startsWith("f.jsonl:2: invalid UTF-8: ")
                .endsWith("(save the file as UTF-8; other encodings are not read)");
    }

    @Test
    void aMillionLinesStreamWithoutHoldingTheFile() {
        int n = 200_000;
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] line = "{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"}\n".getBytes();
            private long pos;

            @Override
            public int read() {
                if (pos >= (long) n * line.length) {
                    return -1;
                }
                return line[(int) (pos++ % line.length)];
            }
        };
        long count = 0;
        long last = 0;
        try (JsonRowReader r = JsonRowReader.open(endless, "big.jsonl")) {
            while (r.hasNext()) {
                last = r.next().line();
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
        assertThat(last).isEqualTo(n);
    }
}
