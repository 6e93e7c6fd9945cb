package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;

import java.util.List;
import java.util.Objects;

/**
 * A WhatsApp Business message: an approved template with ordered parameters, or free text (allowed
 * only inside the 24 h customer-service window).
 *
 * @param source       the engine's request
 * @param to           the WhatsApp number, E.164
 * @param mode         template or free text
 * @param templateName the approved template's name for {@link Mode#TEMPLATE}, else empty
 * @param language     the approved template's language code (e.g. {@code pt_BR}), else empty
 * @param parameters   the template's body parameters in order ({{1}}, {{2}}…), else empty
 * @param text         the free text; for a template, the catalog's rendering of it when the catalog
 *                     has one (a preview for logs and agents), else empty
 * @param window       the customer-service window at the request's time
 */
public record WhatsAppRequest(ContactRequest source, String to, Mode mode, String templateName, String language,
                              List<String> parameters, String text, CustomerServiceWindow window) implements TypedRequest {

    /** What kind of WhatsApp message. */
    public enum Mode {
        /** An approved (HSM) template: allowed at any time. */
        TEMPLATE,
        /** Free text: allowed only inside the customer-service window. */
        FREE_TEXT
    }

    /** Validates the fields; free text outside the window is refused. */
    public WhatsAppRequest {
        TypedRequest.requireChannel(source, Channel.WHATSAPP, "a WhatsApp request");
        TypedRequest.requireText(to, "WhatsApp destination", source);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(window, "window");
        templateName = templateName == null ? "" : templateName;
        language = language == null ? "" : language;
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        text = text == null ? "" : text;
        if (mode == Mode.TEMPLATE) {
            TypedRequest.requireText(templateName, "WhatsApp template name", source);
        } else {
            TypedRequest.requireText(text, "WhatsApp free text", source);
            if (!window.open()) {
                throw new IllegalArgumentException("WhatsApp free text of request '" + source.idempotencyKey()
                        + "' needs an open customer-service window, but it " + (window.lastInbound() == null
                        ? "was never opened" : "closed at " + window.closesAt()));
            }
        }
    }

    /** True when the customer-service window is open at the request's time. */
    public boolean windowOpen() {
        return window.open();
    }
}
