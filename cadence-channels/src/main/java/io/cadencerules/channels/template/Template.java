package io.cadencerules.channels.template;

import java.util.Objects;
import java.util.Set;

/**
 * A registered template.
 *
 * @param id        the id steps refer to ({@code ChannelAction.templateId})
 * @param text      the Mustache source
 * @param html      true to HTML-escape {@code {{x}}} values (e-mail bodies); false for SMS, WhatsApp and
 *                  voice texts, where escaping would show {@code &amp;}
 * @param variables the variables the template needs (outside sections guarded by the same name)
 */
public record Template(String id, String text, boolean html, Set<String> variables) {

    /** Validates the fields. */
    public Template {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("template id must not be blank, but was '" + id + "'");
        }
        Objects.requireNonNull(text, "template '" + id + "' text");
        variables = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(variables == null ? Set.of() : variables));
    }
}
