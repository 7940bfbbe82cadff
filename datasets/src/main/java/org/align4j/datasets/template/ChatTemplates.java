package org.align4j.datasets.template;

import java.util.List;

/** The built-in chat templates. */
public final class ChatTemplates {
    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("chatml", "alpaca", "plain");

    private ChatTemplates() {}

    /**
     * A built-in template.
     *
     * @param name {@code chatml}, {@code alpaca} or {@code plain}
     * @param eosTokenText the tokenizer's EOS token as text (e.g. {@code </s>}, {@code <|endoftext|>}); required by
     *     {@code alpaca} and {@code plain}, which end each answer with it; ignored by {@code chatml}, whose
     *     answers end with {@code <|im_end|>}
     */
    public static ChatTemplate byName(String name, String eosTokenText) {
        return switch (name) {
            case "chatml" -> new ChatMlTemplate();
            case "alpaca" -> new AlpacaTemplate(requireEos(name, eosTokenText));
            case "plain" -> new PlainTemplate(requireEos(name, eosTokenText));
            default -> throw new IllegalArgumentException(
                    "unknown chat template \"" + name + "\"; use one of " + String.join(", ", NAMES));
        };
    }

    /** ChatML (Qwen). */
    public static ChatTemplate chatml() {
        return new ChatMlTemplate();
    }

    private static String requireEos(String name, String eos) {
        if (eos == null || eos.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " template ends each answer with the tokenizer's"
                    + " EOS token: pass its text (e.g. \"</s>\" or \"<|endoftext|>\")");
        }
        return eos;
    }
}
