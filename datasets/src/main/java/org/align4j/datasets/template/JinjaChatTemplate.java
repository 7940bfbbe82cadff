package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.ChatMessage;

/**
 * A model's own chat template (the Jinja {@code chat_template} of its tokenizer_config.json), rendered as
 * transformers' {@code apply_chat_template} renders it ({@link JinjaEnvironment}).
 *
 * <p>Which text is trainable: what a {@code {% generation %}} block renders, when the template has such
 * blocks; otherwise, for each assistant turn, the text between the rendered prompt before it (the earlier
 * turns with the generation prompt) and the end of the turn, up to and including the end-of-turn marker
 * ({@link #endOfTurn()}). The template renders the BOS itself when the model uses one
 * ({@link #rendersSequenceStart()}).
 */
public final class JinjaChatTemplate implements ChatTemplate {
    private static final JinjaEnvironment ENV = new JinjaEnvironment();
    private static final String PROBE_QUESTION = "align4jProbeQuestion";
    private static final String PROBE_ANSWER = "align4jProbeAnswer";

    private final String name;
    private final String origin;
    private final String source;
    private final Map<String, String> specialTokens;
    private final JinjaEnvironment.Parsed parsed;
    private final String endOfTurn;

    private JinjaChatTemplate(String name, String origin, String source, Map<String, String> specialTokens) {
        this.name = name;
        this.origin = origin;
        this.source = source;
        this.specialTokens = Map.copyOf(specialTokens);
        this.parsed = ENV.parse(origin, source);
        this.endOfTurn = probeEndOfTurn();
    }

    /**
     * @param name a name for messages and logs (e.g. the model directory's name)
     * @param origin the file the template comes from, named in errors
     * @param source the Jinja source
     * @param specialTokens the tokenizer's special tokens by transformers' variable name ({@code bos_token},
     *     {@code eos_token}, {@code pad_token}, ...), as text; absent ones are left undefined
     * @throws ChatTemplateException when the template cannot render a plain question and answer
     */
    public static JinjaChatTemplate of(String name, String origin, String source, Map<String, String> specialTokens) {
        if (source == null || source.isBlank()) {
            throw new ChatTemplateException(origin + ": the chat template is empty");
        }
        return new JinjaChatTemplate(name, origin, source, specialTokens);
    }

    @Override
    public String name() {
        return name;
    }

    /** The text transformers' {@code apply_chat_template(messages, add_generation_prompt=...)} renders. */
    public String renderText(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return strip(renderMarked(messages, addGenerationPrompt));
    }

    @Override
    public List<Segment> render(List<ChatMessage> conversation) {
        String marked = renderMarked(conversation, false);
        String full = strip(marked);
        List<int[]> spans = marked.indexOf(JinjaEnvironment.GENERATION_START) >= 0
                ? generationSpans(marked) : assistantSpans(conversation, full);
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (int[] span : spans) {
            if (span[0] < at || span[1] < span[0]) {
                throw new ChatTemplateException(origin + ": assistant turns overlap in the rendered conversation");
            }
            out.add(Segment.prompt(full.substring(at, span[0])));
            out.add(Segment.trained(full.substring(span[0], span[1])));
            at = span[1];
        }
        out.add(Segment.prompt(full.substring(at)));
        return out;
    }

    @Override
    public String renderPrompt(List<ChatMessage> prompt) {
        return renderText(prompt, true);
    }

    /**
     * The text that ends an assistant turn, e.g. {@code <|im_end|>}, {@code <|eot_id|>},
     * {@code <end_of_turn>}: what the template writes after an answer, without trailing whitespace (the
     * EOS token when it writes nothing).
     */
    @Override
    public String endOfTurn() {
        return endOfTurn;
    }

    @Override
    public String jinja() {
        return source;
    }

    @Override
    public boolean rendersSequenceStart() {
        return true;
    }

    private String renderMarked(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> msgs = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.content().indexOf(JinjaEnvironment.GENERATION_START) >= 0
                    || m.content().indexOf(JinjaEnvironment.GENERATION_END) >= 0) {
                throw new ChatTemplateException("a " + m.role() + " message contains the private-use character"
                        + " U+E000 or U+E001, which align4j reserves for marking generated text; remove it");
            }
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("role", m.role());
            msg.put("content", m.content());
            msgs.add(msg);
        }
        Map<String, Object> vars = new LinkedHashMap<>(specialTokens);
        vars.put("messages", msgs);
        vars.put("add_generation_prompt", addGenerationPrompt);
        return parsed.render(vars);
    }

    private static String strip(String marked) {
        StringBuilder sb = new StringBuilder(marked.length());
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c != JinjaEnvironment.GENERATION_START && c != JinjaEnvironment.GENERATION_END) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The spans of the {@code {% generation %}} blocks, in the text without the markers. */
    private List<int[]> generationSpans(String marked) {
        List<int[]> spans = new ArrayList<>();
        int removed = 0;
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == JinjaEnvironment.GENERATION_START) {
                if (start >= 0) {
                    throw new ChatTemplateException(origin + ": nested {% generation %} blocks");
                }
                start = i - removed;
                removed++;
            } else if (c == JinjaEnvironment.GENERATION_END) {
                spans.add(new int[] {start, i - removed});
                start = -1;
                removed++;
            }
        }
        return spans;
    }

    /**
     * For each assistant turn: from the end of the rendered prompt before it to its end-of-turn marker.
     * The prompt must render as a prefix of the conversation (else the model would be trained on a start it
     * never sees when generating).
     */
    private List<int[]> assistantSpans(List<ChatMessage> conversation, String full) {
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < conversation.size(); i++) {
            if (!conversation.get(i).isAssistant()) {
                continue;
            }
            String prompt = renderText(conversation.subList(0, i), true);
            if (!full.startsWith(prompt)) {
                throw new ChatTemplateException(origin + ": the template renders the turns before assistant turn "
                        + (i + 1) + " differently as a prompt (add_generation_prompt) than inside the conversation,"
                        + " so the trainable answer cannot be located; use a template with {% generation %}"
                        + " blocks or a built-in template (--template)");
            }
            int start = prompt.length();
            String upTo = renderText(conversation.subList(0, i + 1), false);
            int end;
            if (full.startsWith(upTo) && upTo.length() >= start) {
                int eot = endOfTurn.isEmpty() ? -1 : upTo.lastIndexOf(endOfTurn);
                end = eot >= start ? eot + endOfTurn.length() : PythonStringMethods.rstrip(upTo, null).length();
            } else {
                // e.g. Qwen3 renders the last answer with an empty reasoning block and earlier ones without
                int eot = endOfTurn.isEmpty() ? -1 : full.indexOf(endOfTurn, start);
                if (eot < 0) {
                    throw new ChatTemplateException(origin + ": assistant turn " + (i + 1) + " renders differently"
                            + " once later turns follow, and no end-of-turn marker follows it");
                }
                end = eot + endOfTurn.length();
            }
            spans.add(new int[] {start, Math.max(start, end)});
        }
        return spans;
    }

    private String probeEndOfTurn() {
        List<ChatMessage> conv = List.of(ChatMessage.user(PROBE_QUESTION), ChatMessage.assistant(PROBE_ANSWER));
        String text = renderText(conv, false);
        int at = text.lastIndexOf(PROBE_ANSWER);
        if (at < 0) {
            throw new ChatTemplateException(origin + ": the chat template does not render the assistant's answer"
                    + " of a plain user/assistant conversation");
        }
        String after = PythonStringMethods.rstrip(text.substring(at + PROBE_ANSWER.length()), null);
        if (!after.isEmpty()) {
            return after;
        }
        String eos = specialTokens.get("eos_token");
        return eos == null ? "" : eos;
    }
}
