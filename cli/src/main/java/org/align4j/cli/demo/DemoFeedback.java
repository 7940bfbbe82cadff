package org.align4j.cli.demo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;

/**
 * Fills the feedback database: a demo doctor account, and each model's answers to held-out questions in
 * the doctors' queue (two sampled answers per question, so comparisons work), through
 * {@code align feedback enqueue}.
 */
final class DemoFeedback {
    static final String DOCTOR = "demo-doctor";
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DemoFeedback() {}

    /** The demo doctor's generated password. */
    static String fill(DemoLayout dirs, DemoPlan plan, DemoStages stages, PrintStream out) {
        String password = password();
        stages.step("feedback database: the demo doctor's account", () -> {
            try (FeedbackStore store = FeedbackStore.open(dirs.jdbcUrl(), new PasswordHasher(), Clock.systemUTC())) {
                store.users().add(DOCTOR, "Demo Doctor", password.toCharArray(), Role.DOCTOR);
            }
            out.println("added doctor " + DOCTOR + " to " + dirs.jdbcUrl());
            return null;
        });
        for (String stage : List.of("sft", "ppo", "dpo")) {
            stages.command("feedback queue: answers of the " + stage.toUpperCase(java.util.Locale.ROOT) + " model",
                    DemoStages.args("feedback", "enqueue", "--db", dirs.jdbcUrl(), "--model",
                            dirs.finalModel(stage).toString(), "--model-version", "demo-" + stage, "--prompts",
                            dirs.data("pairs-heldout.jsonl").toString(), "--limit", String.valueOf(plan.queuePrompts()),
                            "--max-new-tokens", "64"));
        }
        return password;
    }

    private static String password() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
