package org.align4j.datasets;

import java.util.List;

/**
 * A supervised fine-tuning example: a conversation whose assistant turns are trained on.
 *
 * <p>An Alpaca row ({@code instruction}, {@code input}, {@code output}) becomes one user turn (the instruction,
 * then a blank line and the input when there is one) and one assistant turn, and keeps its fields in
 * {@link #alpaca()} so that the Alpaca template can render {@code ### Input:} faithfully and the writer can
 * write the row back in Alpaca form.
 *
 * @param messages the conversation; see {@link Conversations#requireTrainable}
 * @param alpaca the original Alpaca fields, or {@code null} for a conversation row
 * @param id an optional identifier, or {@code null}
 */
public record SftExample(List<ChatMessage> messages, Alpaca alpaca, String id) {

    /**
     * The three fields of an Alpaca row.
     *
     * @param instruction the task; not blank
     * @param input optional context for the task; empty when absent (never null)
     * @param output the answer; not blank
     */
    public record Alpaca(String instruction, String input, String output) {
        public Alpaca {
            InvalidRecordException.requireText(instruction, "instruction", "give the question or task");
            input = input == null ? "" : input;
            InvalidRecordException.requireText(output, "output", "give the answer to train on");
        }

        /** The conversation this row stands for: one user turn and one assistant turn. */
        public List<ChatMessage> toMessages() {
            return List.of(ChatMessage.user(question(instruction, input)), ChatMessage.assistant(output));
        }

        /** The user turn of an Alpaca row: the instruction, then a blank line and the input when there is one. */
        public static String question(String instruction, String input) {
            return input == null || input.isBlank() ? instruction : instruction + "\n\n" + input;
        }
    }

    public SftExample {
        messages = Conversations.requireTrainable(messages, "messages");
        if (alpaca != null && !alpaca.toMessages().equals(messages)) {
            throw new IllegalArgumentException(
                    "messages " + messages + " do not match the Alpaca fields " + alpaca
                            + "; build Alpaca rows with SftExample.ofAlpaca");
        }
        if (id != null && id.isBlank()) {
            throw new InvalidRecordException("\"id\" is empty", "give a non-empty id or leave the field out");
        }
    }

    /** A conversation row. */
    public static SftExample ofMessages(List<ChatMessage> messages) {
        return new SftExample(messages, null, null);
    }

    /** A single-turn example: one user question and one assistant answer. */
    public static SftExample of(String question, String answer) {
        return ofMessages(List.of(ChatMessage.user(question), ChatMessage.assistant(answer)));
    }

    /** An Alpaca row; {@code input} may be empty or null. */
    public static SftExample ofAlpaca(String instruction, String input, String output) {
        Alpaca a = new Alpaca(instruction, input, output);
        return new SftExample(a.toMessages(), a, null);
    }

    /** This example with another id. */
    public SftExample withId(String newId) {
        return new SftExample(messages, alpaca, newId);
    }

    public boolean isAlpaca() {
        return alpaca != null;
    }

    /**
     * The conversation before the last assistant turn: what the model is asked to answer (the prompt PPO samples
     * answers to, and whose last user turn is the question the feedback queue shows).
     */
    public List<ChatMessage> prompt() {
        return List.copyOf(messages.subList(0, messages.size() - 1));
    }

    /** The number of assistant turns (each one is trained on). */
    public int assistantTurns() {
        return (int) messages.stream().filter(ChatMessage::isAssistant).count();
    }
}
