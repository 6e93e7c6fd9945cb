package io.cadencerules.simulation;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.event.SurveyAnswered;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One contact a simulated person received: what a {@link Behaviour} answers.
 *
 * @param request   what the engine asked the channel to do
 * @param cadence   the cadence version of the journey
 * @param step      the step that asked (for a hand-off, the step whose branch handed off)
 * @param person    who received it
 * @param localTime when, in the person's zone
 * @param survey    the survey question the step asks, or null
 */
public record Exposure(ContactRequest request, Cadence cadence, Step step, SimulatedCustomer person,
                       LocalDateTime localTime, SurveyAnswered.Survey survey) {

    public Exposure {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(localTime, "localTime");
    }
}
