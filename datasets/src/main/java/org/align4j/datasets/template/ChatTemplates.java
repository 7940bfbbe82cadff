package org.align4j.datasets.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Picks a model's chat template: its own Jinja template, or one of the built-ins. */
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

    /**
     * The chat template to use with the model in {@code modelDir}; the one place that decides it.
     * <ol>
     *   <li>{@code override} when given: a built-in name, or the name of one of the model's named Jinja
     *       templates (transformers' {@code chat_template="tool_use"});</li>
     *   <li>else the built-in an align4j-trained model names ({@code align4j_template}; align4j also saves
     *       its Jinja export, which renders the same text);</li>
     *   <li>else the model's own Jinja template ({@link ModelTemplateFiles});</li>
     *   <li>else chatml (a model trained from scratch without a template).</li>
     * </ol>
     *
     * @param eosTokenText the tokenizer's EOS text for built-ins that end answers with it; null to take
     *     {@code eos_token} from tokenizer_config.json
     * @throws ChatTemplateException when the model's template cannot render a simple conversation
     */
    public static ChatTemplate forModel(Path modelDir, String override, String eosTokenText) {
        ModelTemplateFiles files = ModelTemplateFiles.read(modelDir);
        String eos = eosTokenText != null ? eosTokenText : files.specialTokens().get("eos_token");
        String name = modelDir.toAbsolutePath().normalize().getFileName() == null ? modelDir.toString()
                : modelDir.toAbsolutePath().normalize().getFileName().toString();
        if (override != null) {
            if (NAMES.contains(override)) {
                return byName(override, eos);
            }
            String named = files.templates().get(override);
            if (named == null) {
                throw new IllegalArgumentException("unknown chat template \"" + override + "\"; use one of "
                        + String.join(", ", NAMES) + (files.templates().isEmpty() ? ""
                        : " or one of the model's own: " + String.join(", ", files.templates().keySet())));
            }
            return JinjaChatTemplate.of(name + ":" + override, files.origin().toString(), named, files.specialTokens());
        }
        if (files.builtInName().isPresent()) {
            String builtIn = files.builtInName().get();
            if (!NAMES.contains(builtIn)) {
                throw new IllegalArgumentException(files.dir().resolve(ModelTemplateFiles.TOKENIZER_CONFIG)
                        + ": align4j_template '" + builtIn + "' is not a built-in template; use one of "
                        + String.join(", ", NAMES));
            }
            return byName(builtIn, eos);
        }
        Optional<String> own = files.defaultTemplate();
        if (own.isPresent()) {
            return JinjaChatTemplate.of(name, files.origin().toString(), own.get(), files.specialTokens());
        }
        if (!files.templates().isEmpty()) {
            throw new IllegalArgumentException(files.origin() + ": the model has several chat templates ("
                    + String.join(", ", files.templates().keySet()) + ") and none is named \"default\"; choose"
                    + " one with --template");
        }
        return chatml();
    }

    /** {@link #forModel(Path, String, String)} with the EOS text from tokenizer_config.json. */
    public static ChatTemplate forModel(Path modelDir, String override) {
        return forModel(modelDir, override, null);
    }

    /**
     * The {@code align4j_template} to save with a model trained with {@code t}: the built-in's name, or null
     * for a model's own Jinja template (its {@code chat_template} is saved and is used again on loading).
     */
    public static String savedName(ChatTemplate t) {
        return t instanceof JinjaChatTemplate ? null : t.name();
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
