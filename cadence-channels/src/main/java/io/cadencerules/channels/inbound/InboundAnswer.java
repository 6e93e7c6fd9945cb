package io.cadencerules.channels.inbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "who is calling and what do our journeys want?".
 *
 * @param callingNumber the number as received
 * @param e164          the number normalised to E.164, or empty when it is not a valid number
 * @param customerIds   the customers with that number
 * @param journeys      their live journeys, the most urgent first
 * @param routing       the suggested route, from the most urgent journey
 * @param problem       why nothing was found when the number is invalid or hidden, else empty (masked)
 */
public record InboundAnswer(String callingNumber, String e164, List<String> customerIds, List<LiveJourney> journeys,
                            Routing routing, String problem) {

    /** Validates the fields and copies the lists. */
    public InboundAnswer {
        callingNumber = callingNumber == null ? "" : callingNumber;
        e164 = e164 == null ? "" : e164;
        customerIds = List.copyOf(customerIds == null ? List.of() : customerIds);
        journeys = List.copyOf(journeys == null ? List.of() : journeys);
        Objects.requireNonNull(routing, "routing");
        problem = problem == null ? "" : problem;
    }

    /** The most urgent live journey, if any. */
    public Optional<LiveJourney> primary() {
        return journeys.isEmpty() ? Optional.empty() : Optional.of(journeys.get(0));
    }

    /** True when the number belongs to at least one known customer. */
    public boolean known() {
        return !customerIds.isEmpty();
    }
}
