package io.cadencerules.channel;

import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.JourneyId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One contact the engine asks a channel adapter to make.
 *
 * @param idempotencyKey derived from journey, step and attempt: the same contact always has the same key
 * @param journeyId      the journey it belongs to
 * @param stepId         the step that asked for it
 * @param attempt        1 for the first attempt, 2 for the first retry…
 * @param channel        the channel
 * @param address        where to send it
 * @param templateId     the template (message, prompt, script) to use
 * @param variables      template variables, copied
 * @param queue          the agent queue for {@link Channel#AGENT}, else empty
 * @param keyMenu        key → label for {@link Channel#OUTBOUND_IVR} menus, else empty
 * @param customer       the customer
 * @param subject        the journey's subject
 * @param requestedAt    when the engine decided to send it (engine clock)
 */
public record ContactRequest(
        String idempotencyKey,
        JourneyId journeyId,
        String stepId,
        int attempt,
        Channel channel,
        ContactPoint address,
        String templateId,
        Map<String, Object> variables,
        String queue,
        Map<Character, String> keyMenu,
        Customer customer,
        Subject subject,
        Instant requestedAt) {

    public ContactRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(journeyId, "journeyId");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(templateId, "templateId");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        queue = queue == null ? "" : queue;
        keyMenu = keyMenu == null ? Map.of() : Map.copyOf(keyMenu);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
        }
    }
}
