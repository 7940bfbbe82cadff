package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Audit defects 5 and 6: request bodies are read strictly and invalid Unicode is refused, naming the field. */
class StrictJsonTest {
    @AutoClose
    private static ServerFixture f;
    private static ApiClient ann;

    @BeforeAll
    static void start() {
        f = new ServerFixture();
        ann = f.loggedIn("ann");
    }

    private long answer() {
        return f.second.responseIds().get(0);
    }

    private static void assert400(ApiClient.Response r, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(fragments);
    }

    private long stored(String table) {
        return f.store.sql().number("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?", f.ann.id());
    }

    @Test
    void aNumberOfTheWrongKindOrInQuotesIsRefusedNotCoerced() {
        assert400(ann.post("/api/ratings", "{\"responseId\": 1.7, \"value\": \"up\"}"), "field 'responseId'", "whole number");
        assert400(ann.post("/api/ratings", "{\"responseId\": \"" + answer() + "\", \"value\": \"up\"}"), "field 'responseId'");
        assert400(ann.post("/api/ratings", "{\"responseId\": " + answer() + ", \"value\": 1}"), "field 'value'", "text");
        assert400(ann.post("/api/ratings", "{\"responseId\": " + answer() + ", \"value\": \"up\", \"comment\": true}"), "field 'comment'");
        assert400(ann.post("/api/ratings", "{\"responseId\": " + answer() + ", \"value\": \"up\"} {}"), "Trailing token");
        assertThat(stored("ratings")).isZero();
    }

    @Test
    void aDuplicateKeyIsRefusedNotLastOneWins() {
        assert400(ann.post("/api/ratings", "{\"responseId\": " + answer() + ", \"value\": \"down\", \"value\": \"up\"}"),
                "field 'value'", "Duplicate field 'value'");
        assertThat(stored("ratings")).isZero();
    }

    @Test
    void aLoneSurrogateInACorrectionIsRefusedNamingTheField() {
        assert400(ann.post("/api/corrections", "{\"responseId\": " + answer() + ", \"text\": \"60 to 100 \\ud800 bpm\"}"),
                "field 'text'", "lone surrogate U+D800");
        assert400(ann.post("/api/corrections", "{\"responseId\": " + answer() + ", \"text\": \"ok\", \"comment\": \"\\udc00\"}"),
                "field 'comment'", "U+DC00");
        assertThat(stored("corrections")).isZero();
    }

    @Test
    void invalidUtf8InACorrectionIsRefusedNamingTheField() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"responseId\": " + answer() + ", \"text\": \"60 to 100 ").getBytes(StandardCharsets.UTF_8));
        body.write(0xC3); // a lead byte followed by an ASCII byte: not UTF-8
        body.writeBytes("( bpm\"}".getBytes(StandardCharsets.UTF_8));
        assert400(ann.postBytes("/api/corrections", body.toByteArray()), "field 'text'", "UTF-8");

        ByteArrayOutputStream lone = new ByteArrayOutputStream();
        lone.writeBytes(("{\"responseId\": " + answer() + ", \"text\": \"x").getBytes(StandardCharsets.UTF_8));
        lone.writeBytes(new byte[] {(byte) 0xFF});
        lone.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        assert400(ann.postBytes("/api/corrections", lone.toByteArray()), "field 'text'");
        assertThat(stored("corrections")).isZero();
    }

    @Test
    void validTextOutsideTheBasicPlaneAndEscapedPairsAreKeptExactly() {
        long other = f.second.responseIds().get(1);
        String text = "心率 60–100 🫀 \uD83D\uDE00";
        ApiClient.Response r = f.loggedIn("bob").post("/api/corrections", "{\"responseId\": " + other
                + ", \"text\": \"心率 60–100 🫀 \\ud83d\\ude00\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(f.store.sql().strings("SELECT text FROM corrections WHERE response_id = ?", other)).containsExactly(text);
    }
}
