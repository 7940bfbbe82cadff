package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.SftExample;

/**
 * Turns conversations into the text a model is trained on and generates from.
 *
 * <p>Built-in templates never emit a BOS token (the sequence encoder adds it once when the model needs one;
 * a model's own Jinja template writes it itself, see {@link #rendersSequenceStart()}) and emit
 * exactly one end-of-turn marker after each assistant turn: content that already ends with the marker does
 * not get a second one.
 */
public interface ChatTemplate {
    /** The template's name, as given to {@link ChatTemplates#byName}. */
    String name();

    /**
     * Renders a whole conversation. Each assistant turn's content and its end-of-turn marker are trainable,
     * everything else (system and user turns, role headers, separators) is not.
     */
    List<Segment> render(List<ChatMessage> conversation);

    /** Renders an SFT example; the Alpaca template overrides this to render Alpaca rows faithfully. */
    default List<Segment> render(SftExample example) {
        return render(example.messages());
    }

    /** Renders a prompt (ending with a user turn) followed by the generation prompt the model continues from. */
    String renderPrompt(List<ChatMessage> prompt);

    /**
     * The segments that follow {@link #renderPrompt(List)} when the assistant answers {@code response}: what
     * a preference pair, a rating or a rollout appends to its prompt.
     */
    default List<Segment> renderCompletion(List<ChatMessage> prompt, String response) {
        List<ChatMessage> conversation = new ArrayList<>(prompt);
        conversation.add(ChatMessage.assistant(response));
        List<Segment> all = render(conversation);
        String promptText = renderPrompt(prompt);
        List<Segment> rest = new ArrayList<>();
        int skip = promptText.length();
        for (Segment s : all) {
            if (skip >= s.text().length()) {
                skip -= s.text().length();
            } else {
                rest.add(new Segment(s.text().substring(skip), s.trainable()));
                skip = 0;
            }
        }
        if (!Segments.text(all).startsWith(promptText)) {
            throw new IllegalStateException("template " + name() + " renders the prompt differently in a"
                    + " conversation than at generation time; renderPrompt must be a prefix of render");
        }
        return rest;
    }

    /**
     * True when the template writes the sequence start (the BOS token) itself, as a model's own Jinja
     * template does ({@code {{ bos_token }}}): the sequence encoder then adds none. Built-in templates
     * never write it; the encoder adds the BOS when the tokenizer adds one.
     */
    default boolean rendersSequenceStart() {
        return false;
    }

    /** The text that ends an assistant turn: the stop string for generation. */
    String endOfTurn();

    /**
     * The equivalent Hugging Face {@code chat_template} (Jinja), to save in tokenizer_config.json. It reads
     * {@code messages}, {@code add_generation_prompt} and, where the template uses it, {@code eos_token}.
     */
    String jinja();
}
