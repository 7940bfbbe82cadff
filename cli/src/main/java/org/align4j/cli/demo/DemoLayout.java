package org.align4j.cli.demo;

import java.nio.file.Path;

/**
 * Where the demo puts things under its output folder: {@code data/} (the bundled sample), {@code tokenizer/},
 * {@code models/init/}, {@code configs/}, {@code runs/STAGE/} (each with {@code final/} and {@code metrics.jsonl}),
 * {@code eval/}, {@code feedback/} (the H2 database) and {@code report.html}.
 */
record DemoLayout(Path root) {
    Path data(String file) {
        return root.resolve("data").resolve(file);
    }

    Path tokenizer() {
        return root.resolve("tokenizer");
    }

    Path initModel() {
        return root.resolve("models").resolve("init");
    }

    Path configs() {
        return root.resolve("configs");
    }

    Path run(String stage) {
        return root.resolve("runs").resolve(stage);
    }

    Path finalModel(String stage) {
        return run(stage).resolve("final");
    }

    Path metrics(String stage) {
        return run(stage).resolve("metrics.jsonl");
    }

    Path eval() {
        return root.resolve("eval");
    }

    Path report() {
        return root.resolve("report.html");
    }

    /** The H2 database file path (without {@code .mv.db}). */
    Path database() {
        return root.resolve("feedback").resolve("feedback");
    }

    String jdbcUrl() {
        return "jdbc:h2:file:" + database();
    }
}
