package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackEnqueueCommandTest {
    @TempDir Path tmp;

    @Test
    void generatedAnswersLandInTheQueueWithTheirModelVersion() throws Exception {
        Path model = TinyModels.create(tmp, "qwen2");
        Path prompts = tmp.resolve("prompts.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"my child has a fever\"}\n"
                + "{\"instruction\": \"孩子发烧了\", \"input\": \"\"}\n{\"prompt\": \"my child has a fever\"}\n");
        String db = "jdbc:h2:file:" + tmp.resolve("fb").toAbsolutePath();
        CliRunner.Result r = CliRunner.run("feedback", "enqueue", "--db", db, "--model", model.toString(),
                "--prompts", prompts.toString(), "--samples-per-prompt", "2", "--max-new-tokens", "8");
        r.succeeded();
        assertThat(r.out()).contains("queued 4 answers to 2 questions from model version policy");

        try (var fdb = org.align4j.feedback.db.FeedbackDatabase.open(db); Connection c = fdb.dataSource().getConnection()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT p.text, r.generation_settings, v.name FROM responses r JOIN prompts p ON p.id = r.prompt_id"
                            + " JOIN model_versions v ON v.id = r.model_version_id ORDER BY r.id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(3));
                    assertThat(rs.getString(2)).contains("\"temperature\":0.8").contains("\"max_new_tokens\":8");
                }
            }
            assertThat(rows).containsExactly("my child has a fever|policy", "my child has a fever|policy",
                    "孩子发烧了|policy", "孩子发烧了|policy");
        }
    }

    @Test
    void aBadPromptLineQueuesNothing() throws Exception {
        Path prompts = tmp.resolve("bad.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"ok\"}\n{\"answer\": \"no question\"}\n");
        CliRunner.Result r = CliRunner.run("feedback", "enqueue", "--db", "jdbc:h2:file:" + tmp.resolve("fb2").toAbsolutePath(),
                "--model", tmp.resolve("missing").toString(), "--prompts", prompts.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:2: needs a non-empty \"prompt\"");
    }
}
