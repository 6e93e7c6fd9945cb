package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An e-mail.
 *
 * @param source  the engine's request
 * @param to      the address
 * @param subject the rendered subject line
 * @param text    the rendered plain-text body (links already tracked)
 * @param html    the rendered HTML body (links already tracked), or empty for a text-only e-mail
 * @param links   the links rewritten for tracking, in order of appearance, each once
 */
public record EmailRequest(ContactRequest source, String to, String subject, String text, String html,
                           List<TrackedLink> links) implements TypedRequest {

    /** Validates the fields and copies the links. */
    public EmailRequest {
        TypedRequest.requireChannel(source, Channel.EMAIL, "an e-mail request");
        TypedRequest.requireText(to, "e-mail destination", source);
        TypedRequest.requireText(subject, "e-mail subject", source);
        Objects.requireNonNull(text, "text");
        html = html == null ? "" : html;
        links = List.copyOf(links == null ? List.of() : links);
    }

    /** The HTML body, if the e-mail has one. */
    public Optional<String> htmlBody() {
        return html.isEmpty() ? Optional.empty() : Optional.of(html);
    }
}
