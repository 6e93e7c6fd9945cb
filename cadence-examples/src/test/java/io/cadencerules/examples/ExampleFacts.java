package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.rules.DueStep;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Test helpers shared by the examples' tests: rule facts built as the engine builds them, local times. */
public final class ExampleFacts {

    /** São Paulo, the zone of most sample customers. */
    public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** Manaus (DDD 92, state AM), one hour behind São Paulo. */
    public static final ZoneId MANAUS = ZoneId.of("America/Manaus");

    private ExampleFacts() {
    }

    /** The due step the engine would show the rules for this journey's step on its own channel at {@code now}. */
    public static DueStep dueStep(Journey journey, Cadence cadence, Customer customer, String stepId, Instant now) {
        Step step = cadence.step(stepId).orElseThrow(() -> new AssertionError("no step '" + stepId + "' in " + cadence.id()));
        return new DueStep(new StepContext(journey, cadence, step, step.action(),
                customer.first(step.channel().addressType()), customer, 1, false, now));
    }

    /** A local date-time in a zone, as an instant. */
    public static Instant local(LocalDateTime at, ZoneId zone) {
        return at.atZone(zone).toInstant();
    }

    /** When each request was made, in the zone, as local date-times (for readable assertions). */
    public static List<LocalDateTime> localTimes(List<ContactRequest> requests, ZoneId zone) {
        return requests.stream().map(r -> LocalDateTime.ofInstant(r.requestedAt(), zone)).toList();
    }

    /** The history entries of a kind for a step. */
    public static List<HistoryEntry> entries(Journey journey, HistoryEntry.Kind kind, String stepId) {
        return journey.history().stream().filter(e -> e.kind() == kind && stepId.equals(e.stepId())).toList();
    }
}
