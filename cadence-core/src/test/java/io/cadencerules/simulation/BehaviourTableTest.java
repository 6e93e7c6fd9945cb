package io.cadencerules.simulation;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.journey.JourneyId;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BehaviourTableTest {

    private static final Cadence CADENCE = Cadence.collection("c")
            .step("sms").at(days(1)).sms("t")
            .step("ivr").at(days(2)).outboundIvr("menu").onKey('1', handOffToAgent("q")).onKey('2', handOffToAgent("r"))
            .build();

    private static Exposure exposure(SimulatedCustomer person, String stepId, Channel channel, SurveyAnswered.Survey survey) {
        ContactRequest request = new ContactRequest("k", new JourneyId(person.id(), person.subject().key(), "c", 1), stepId, 1,
                channel, person.customer().first(channel.addressType()).orElseThrow(), "t", null, null, null,
                person.customer(), person.subject(), Simulation.DEFAULT_START);
        return new Exposure(request, CADENCE, CADENCE.step(stepId).orElseThrow(), person,
                LocalDateTime.of(2026, 3, 3, 10, 0), survey);
    }

    private static SimulatedCustomer person(boolean phoneValid) {
        SimulatedCustomer p = Population.builder().build().person(0, 1, Simulation.DEFAULT_START);
        return new SimulatedCustomer(0, p.customer(), p.subject(), phoneValid, true, 1.0, 1.0);
    }

    @Test
    void the_standard_table_loads_and_a_dead_number_only_ever_fails_permanently() {
        BehaviourTable table = BehaviourTable.standard();
        assertThat(table.name()).isEqualTo("br-default");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            assertThat(table.react(exposure(person(false), "sms", Channel.SMS, null), random))
                    .singleElement().isInstanceOfSatisfying(Outcome.Undelivered.class, u -> assertThat(u.permanent()).isTrue());
        }
    }

    @Test
    void ivr_answers_press_one_of_the_menu_keys_and_rates_come_out_near_the_table() {
        BehaviourTable table = BehaviourTable.standard();
        SplittableRandom random = new SplittableRandom(2);
        List<List<Outcome>> all = IntStream.range(0, 20_000)
                .mapToObj(i -> table.react(exposure(person(true), "ivr", Channel.OUTBOUND_IVR, null), random)).toList();
        long answered = all.stream().filter(o -> o.stream().anyMatch(Outcome.Answered.class::isInstance)).count();
        // deliver 0.92 × answer 0.35 = 0.322
        assertThat(answered).isBetween(6_100L, 6_800L);
        assertThat(all.stream().flatMap(List::stream).filter(Outcome.KeyPress.class::isInstance)
                .map(o -> ((Outcome.KeyPress) o).digit())).containsOnly('1', '2');
    }

    @Test
    void a_survey_step_answers_with_a_score_in_range() {
        BehaviourTable table = BehaviourTable.standard();
        SplittableRandom random = new SplittableRandom(3);
        List<Outcome> scores = IntStream.range(0, 5_000)
                .mapToObj(i -> table.react(exposure(person(true), "sms", Channel.SMS, SurveyAnswered.Survey.NPS), random))
                .flatMap(List::stream).filter(Outcome.SurveyScore.class::isInstance).toList();
        assertThat(scores).isNotEmpty().allSatisfy(o -> assertThat(((Outcome.SurveyScore) o).score()).isBetween(0, 10));
    }

    @Test
    void a_bad_table_is_refused_naming_the_document_and_the_path() {
        String json = """
                {"name": "x", "channels": {"SMS": {"deliver": 1.5, "engage": 0, "convert": 0, "partial": 0, "promise": 0,
                 "optOut": 0, "delayHours": [1, 2]}}, "promise": {"kept": 0.5, "days": [1, 2]}, "partialShare": [0.3, 0.6]}
                """;
        assertThatThrownBy(() -> BehaviourTable.fromJson(json, "mine.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mine.json").hasMessageContaining("$.channels.SMS")
                .hasMessageContaining("rates must be within 0–1, but one was 1.5");
    }
}
