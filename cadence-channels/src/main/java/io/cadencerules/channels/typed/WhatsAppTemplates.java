package io.cadencerules.channels.typed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WhatsApp templates approved by Meta for the application's business account, by name, each
 * with the template variables that fill its numbered parameters. A WhatsApp step whose template id
 * is an approved name sends that template (allowed at any time); any other id is rendered from the
 * {@code TemplateCatalog} as free text (allowed only inside the customer-service window).
 *
 * <pre>{@code
 * WhatsAppTemplates approved = WhatsAppTemplates.builder()
 *         .approved("fatura_vencida", "pt_BR", "firstName", "amount", "dueDate")   // {{1}} {{2}} {{3}}
 *         .build();
 * }</pre>
 */
public final class WhatsAppTemplates {

    private final Map<String, ApprovedTemplate> templates;

    private WhatsAppTemplates(Map<String, ApprovedTemplate> templates) {
        this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }

    /** No approved templates: every WhatsApp step is free text. */
    public static WhatsAppTemplates none() {
        return new WhatsAppTemplates(Map.of());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The approved template with this name, if any. */
    public Optional<ApprovedTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /**
     * An approved template.
     *
     * @param name       the name registered with Meta (lower case, digits and {@code _})
     * @param language   its language code, e.g. {@code pt_BR}
     * @param parameters the template variables ({@code TemplateCatalog} context names, such as
     *                   {@code firstName} or {@code amount}) for parameters {{1}}, {{2}}… in order
     */
    public record ApprovedTemplate(String name, String language, List<String> parameters) {
        /** Validates the fields. */
        public ApprovedTemplate {
            if (name == null || !name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("WhatsApp template name must be lower-case letters, digits and _, but was '" + name + "'");
            }
            if (language == null || !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
                throw new IllegalArgumentException("WhatsApp template '" + name + "' language must be a code such as pt_BR, but was '"
                        + language + "'");
            }
            parameters = List.copyOf(parameters);
            for (String p : parameters) {
                if (p == null || p.isBlank()) {
                    throw new IllegalArgumentException("WhatsApp template '" + name + "' has a blank parameter variable");
                }
            }
        }
    }

    /** Collects approved templates; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final Map<String, ApprovedTemplate> templates = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * An approved template.
         *
         * @param name       its name
         * @param language   its language code
         * @param parameters the variables of its numbered parameters, in order
         * @return this builder
         * @throws IllegalStateException when the name is already registered
         */
        public Builder approved(String name, String language, String... parameters) {
            ApprovedTemplate t = new ApprovedTemplate(name, language, List.of(parameters));
            if (templates.putIfAbsent(name, t) != null) {
                throw new IllegalStateException("WhatsApp template '" + name + "' is already registered");
            }
            return this;
        }

        /** The registry. */
        public WhatsAppTemplates build() {
            return new WhatsAppTemplates(templates);
        }
    }
}
