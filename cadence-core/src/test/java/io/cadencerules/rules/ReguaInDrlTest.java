package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static io.cadencerules.Fixtures.DUE;
import static io.cadencerules.Fixtures.local;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The card-late régua written in DRL behaves like its fluent twin. */
class ReguaInDrlTest {

    private static final Cadence DRL_TWIN = Cadence.collection("card-late")
            .step("d-3-email").planned().email("reminder-due")
            .step("d0-sms").planned().sms("due-today")
            .step("d2-voice").planned().voiceBlast("late-notice")
            .step("d5-ivr").planned().outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
            .step("d10-agent").planned().agentCall("collections")
            .exitOn(PAYMENT_RECEIVED).pauseOn(PROMISE_TO_PAY)
            .horizon(40)
            .build();

    /** A scenario: what happens to whom, applied to a harness that runs one of the twins. */
    private record Scenario(String name, BiConsumer<CadenceHarness, Cadence> script) {
    }

    private static final Customer HIGH = Fixtures.customer("high", Fixtures.SAO_PAULO, "high-balance");
    private static final Customer LOW = Fixtures.customer("low", Fixtures.MANAUS);
    private static final Debt DEBT = Fixtures.debt();

    private static List<Scenario> scenarios() {
        return List.of(
                new Scenario("no payment", (h, c) -> {
                    h.enroll(HIGH, DEBT, c);
                    h.enroll(LOW, DEBT, c);
                    h.advance(Duration.ofDays(50));
                }),
                new Scenario("payment on D+3", (h, c) -> {
                    h.enroll(HIGH, DEBT, c);
                    h.advanceTo(local(3, 14, 0));
                    h.deliver(h.events().paid("high", "inv-9", Money.brl("500.00")));
                    h.advance(Duration.ofDays(40));
                }),
                new Scenario("broken promise", (h, c) -> {
                    h.enroll(HIGH, DEBT, c);
                    h.advanceTo(local(3, 11, 0));
                    h.deliver(h.events().promised("high", "inv-9", Money.brl("500.00"), DUE.plusDays(7)));
                    h.advance(Duration.ofDays(40));
                }),
                new Scenario("enrolled on D+1", (h, c) -> {
                    h.advanceTo(local(1, 12, 0));
                    h.enroll(HIGH, DEBT, c);
                    h.advance(Duration.ofDays(40));
                }));
    }

    private static List<String> run(Scenario scenario, Cadence cadence, RuleBook book) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.planner("card-late", new RulesPlanner(() -> book))).build();
        scenario.script().accept(h, cadence);
        List<String> trace = new ArrayList<>();
        for (ContactRequest r : h.sent()) {
            trace.add(r.customer().id() + " " + r.stepId() + " " + r.channel() + " " + r.requestedAt());
        }
        trace.add("status high " + h.engine().journey(new io.cadencerules.journey.JourneyKey("high", "inv-9", "card-late"))
                .map(j -> j.status().name()).orElse("-"));
        return trace;
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_drl_regua_sends_what_its_fluent_twin_sends(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("card-late").mode(mode).classpath("io/cadencerules/rules/card-late-regua.drl").build();
        for (Scenario scenario : scenarios()) {
            List<String> fluent = run(scenario, Fixtures.cardLate(), book);
            List<String> drl = run(scenario, DRL_TWIN, book);
            assertThat(drl).as(scenario.name()).isEqualTo(fluent).hasSizeGreaterThan(2);
        }
    }

    @Test
    void a_planned_cadence_round_trips_through_json() {
        String json = io.cadencerules.json.CadenceJson.write(DRL_TWIN);
        assertThat(json).contains("\"type\" : \"planned\"");
        assertThat(io.cadencerules.json.CadenceJson.read(json)).isEqualTo(DRL_TWIN);
    }

    @Test
    void planned_and_timed_steps_do_not_mix() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Cadence.collection("mixed")
                        .step("a").planned().sms("x").step("b").at(2).sms("y").build())
                .withMessage("cadence 'mixed' mixes planned steps with at(...) / after(...) steps; "
                        + "a planned cadence leaves all timing to its planner");
    }

    @Test
    void a_planned_cadence_without_a_planner_is_refused_at_registration() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        assertThatIllegalStateException().isThrownBy(() -> h.engine().register(DRL_TWIN))
                .withMessage("cadence 'card-late' has planned steps, but no planner is registered for it: "
                        + "builder.planner(\"card-late\", planner)");
    }
}
