package org.align4j.datasets.template;

/**
 * A chat template that cannot be rendered: a construct align4j's Jinja engine does not support, an error
 * the template raised itself ({@code raise_exception}), or a template whose turns cannot be told apart.
 * The message names the template's source and the construct; nothing is rendered differently instead.
 */
public final class ChatTemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
