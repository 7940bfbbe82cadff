package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.SftExample;

/**
 * The Stanford Alpaca prompt: a preamble (the system message when there is one), then
 * {@code ### Instruction:\n...\n\n### Response:\n} and the answer followed by the tokenizer's EOS text.
 * Alpaca rows with an input render the {@code ### Input:} section and the matching preamble, as in the
 * original. Further turns of a conversation follow after a blank line.
 */
final class AlpacaTemplate extends EosTemplate {
    static final String PREAMBLE = "Below is an instruction that describes a task. "
            + "Write a response that appropriately completes the request.";
    static final String PREAMBLE_WITH_INPUT = "Below is an instruction that describes a task, paired with an input"
            + " that provides further context. Write a response that appropriately completes the request.";

    AlpacaTemplate(String eos) {
        super("alpaca", eos);
    }

    @Override
    public List<Segment> render(List<ChatMessage> conversation) {
        List<Segment> out = new ArrayList<>();
        int start = 0;
        if (conversation.get(0).role().equals(ChatMessage.SYSTEM)) {
            out.add(Segment.prompt(conversation.get(0).content() + "\n\n"));
            start = 1;
        } else {
            out.add(Segment.prompt(PREAMBLE + "\n\n"));
        }
        for (int i = start; i < conversation.size(); i++) {
            ChatMessage m = conversation.get(i);
            if (m.isAssistant()) {
                out.add(answer(m.content()));
                if (i < conversation.size() - 1) {
                    out.add(Segment.prompt("\n\n"));
                }
            } else {
                out.add(Segment.prompt("### Instruction:\n" + m.content() + "\n\n### Response:\n"));
            }
        }
        return out;
    }

    @Override
    public List<Segment> render(SftExample example) {
        if (!example.isAlpaca() || example.alpaca().input().isBlank()) {
            return render(example.messages());
        }
        SftExample.Alpaca a = example.alpaca();
        return List.of(
                Segment.prompt(PREAMBLE_WITH_INPUT + "\n\n### Instruction:\n" + a.instruction()
                        + "\n\n### Input:\n" + a.input() + "\n\n### Response:\n"),
                answer(a.output()));
    }

    @Override
    public String jinja() {
        return "{%- if messages[0]['role'] == 'system' -%}{{ messages[0]['content'] + '\\n\\n' }}"
                + "{%- else -%}{{ '" + PREAMBLE + "\\n\\n' }}{%- endif -%}"
                + "{%- for message in messages -%}"
                + "{%- if message['role'] == 'user' -%}"
                + "{{ '### Instruction:\\n' + message['content'] + '\\n\\n### Response:\\n' }}"
                + "{%- elif message['role'] == 'assistant' -%}{{ message['content'] + eos_token }}"
                + "{%- if not loop.last -%}{{ '\\n\\n' }}{%- endif -%}"
                + "{%- endif -%}"
                + "{%- endfor -%}";
    }
}
