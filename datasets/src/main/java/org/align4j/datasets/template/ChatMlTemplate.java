package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;

/**
 * ChatML as used by Qwen: {@code <|im_start|>role\ncontent<|im_end|>\n} per message, generation prompt
 * {@code <|im_start|>assistant\n}, end of turn {@code <|im_end|>}. No default system prompt is added.
 */
final class ChatMlTemplate implements ChatTemplate {
    static final String START = "<|im_start|>";
    static final String END = "<|im_end|>";

    @Override
    public String name() {
        return "chatml";
    }

    @Override
    public List<Segment> render(List<ChatMessage> conversation) {
        List<Segment> out = new ArrayList<>();
        for (ChatMessage m : conversation) {
            out.add(Segment.prompt(START + m.role() + "\n"));
            if (m.isAssistant()) {
                out.add(Segment.trained(Templates.withEnd(m.content(), END)));
            } else {
                out.add(Segment.prompt(m.content() + END));
            }
            out.add(Segment.prompt("\n"));
        }
        return out;
    }

    @Override
    public String renderPrompt(List<ChatMessage> prompt) {
        return Segments.text(render(prompt)) + START + "assistant\n";
    }

    @Override
    public String endOfTurn() {
        return END;
    }

    @Override
    public String jinja() {
        return "{%- for message in messages -%}"
                + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
                + "{%- endfor -%}"
                + "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\\n' }}{%- endif -%}";
    }
}
