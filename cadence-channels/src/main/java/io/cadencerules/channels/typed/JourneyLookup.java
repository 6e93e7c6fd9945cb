package io.cadencerules.channels.typed;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How {@link TypedChannels} finds the journey and the cadence step behind a {@link ContactRequest}
 * (which carries neither): for a two-way SMS's expected keywords, the WhatsApp window, the agent's
 * history summary.
 *
 * <p>Adapters are registered before the engine is built, so the usual lookup is
 * {@link #engine(Supplier)} with a reference filled in after {@code build()}:
 *
 * <pre>{@code
 * AtomicReference<CadenceEngine> ref = new AtomicReference<>();
 * TypedChannels typed = TypedChannels.builder(catalog).lookup(JourneyLookup.engine(ref::get)).build();
 * CadenceEngine engine = CadenceEngine.builder().clock(clock).channel(Channel.SMS, typed.sms(smsAdapter)).build();
 * ref.set(engine);
 * }</pre>
 *
 * During a dispatch the engine's store holds the journey as it was before this contact, which is
 * what the lookups want (its history so far).
 */
public interface JourneyLookup {

    /** The journey with this id, if known. */
    Optional<Journey> journey(JourneyId id);

    /** The cadence version, if known. */
    Optional<Cadence> cadence(String cadenceId, int version);

    /** The step a request belongs to: its journey's cadence version, then the step by id. */
    default Optional<Step> step(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        return journey(request.journeyId())
                .flatMap(j -> cadence(j.cadenceId(), j.cadenceVersion()))
                .flatMap(c -> c.step(request.stepId()));
    }

    /**
     * Looks journeys and cadences up in an engine that may not exist yet: while the supplier returns
     * null, nothing is found.
     */
    static JourneyLookup engine(Supplier<CadenceEngine> engine) {
        Objects.requireNonNull(engine, "engine");
        return new JourneyLookup() {
            @Override
            public Optional<Journey> journey(JourneyId id) {
                CadenceEngine e = engine.get();
                return e == null ? Optional.empty() : e.journey(id);
            }

            @Override
            public Optional<Cadence> cadence(String cadenceId, int version) {
                CadenceEngine e = engine.get();
                return e == null ? Optional.empty() : e.cadence(cadenceId, version);
            }
        };
    }

    /** Finds nothing: no expected keywords, WhatsApp window always closed, no agent history. */
    static JourneyLookup none() {
        return new JourneyLookup() {
            @Override
            public Optional<Journey> journey(JourneyId id) {
                return Optional.empty();
            }

            @Override
            public Optional<Cadence> cadence(String cadenceId, int version) {
                return Optional.empty();
            }
        };
    }
}
