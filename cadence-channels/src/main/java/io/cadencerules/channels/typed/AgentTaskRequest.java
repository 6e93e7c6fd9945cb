package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A task (or transfer) for a human agent of the call center, with what the agent needs to know.
 *
 * @param source   the engine's request
 * @param queue    the agent queue
 * @param priority how soon
 * @param phone    the number to call, E.164
 * @param customer the customer
 * @param subject  what the journey is about (the debt with its amount and due date, the lead…)
 * @param handOff  true when the customer asked for a person through a response branch
 * @param script   the rendered agent script when the catalog has the request's template, else empty
 * @param history  the journey's last contacts and outcomes, oldest first
 * @param offer    the offer to make (the step's {@code offer} variable), or empty
 */
public record AgentTaskRequest(ContactRequest source, String queue, AgentPriority priority, String phone,
                               Customer customer, Subject subject, boolean handOff, String script,
                               List<HistoryLine> history, String offer) implements TypedRequest {

    /** Validates the fields and copies the history. */
    public AgentTaskRequest {
        TypedRequest.requireChannel(source, Channel.AGENT, "an agent task request");
        TypedRequest.requireText(queue, "agent queue", source);
        Objects.requireNonNull(priority, "priority");
        TypedRequest.requireText(phone, "agent task phone", source);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subject, "subject");
        script = script == null ? "" : script;
        history = List.copyOf(history == null ? List.of() : history);
        offer = offer == null ? "" : offer;
    }

    /** The history as one text, lines separated by {@code "; "}, or {@code "no contact yet"}. */
    public String historySummary() {
        return history.isEmpty() ? "no contact yet" : history.stream().map(HistoryLine::text).collect(Collectors.joining("; "));
    }
}
