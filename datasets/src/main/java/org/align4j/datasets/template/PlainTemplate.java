package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;

/**
 * No markup: each system or user turn followed by a newline, each answer followed by the tokenizer's EOS
 * text. The model continues straight after the prompt's newline. Suited to tiny models trained from scratch.
 */
final class PlainTemplate extends EosTemplate {
    PlainTemplate(String eos) {
        super("plain", eos);
    }

    @Override
    public List<Segment> render(List<ChatMessage> conversation) {
        List<Segment> out = new ArrayList<>();
        for (ChatMessage m : conversation) {
            out.add(m.isAssistant() ? answer(m.content()) : Segment.prompt(m.content() + "\n"));
        }
        return out;
    }

    @Override
    public String jinja() {
        return "{%- for message in messages -%}"
                + "{%- if message['role'] == 'assistant' -%}{{ message['content'] + eos_token }}"
                + "{%- else -%}{{ message['content'] + '\\n' }}{%- endif -%}"
                + "{%- endfor -%}";
    }
}
