package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Event;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.policy.HolidayCalendar;
import io.cadencerules.policy.Locality;
import io.cadencerules.simulation.Dispatch;
import io.cadencerules.simulation.Population;
import io.cadencerules.simulation.Scenario;
import io.cadencerules.simulation.Simulation;
import io.cadencerules.simulation.SimulationResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.event.EventType.CONVERSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show 2 of the simulation: an auditor that does not use the policy's or the budget's code replays
 * every dispatch a simulation recorded (the collection régua and a marketing offer, with the shipped
 * Brazilian policy packs and a budget of 2% of each debt) and finds no contact outside the allowed
 * hours, over a frequency cap, after an opt-out, without the consent an offer needs, or over budget.
 */
class SimulationAuditTest {

    private static final HolidayCalendar HOLIDAYS = HolidayCalendar.standard();
    private static final BigDecimal PERCENT = new BigDecimal("2");

    private static final Cadence OFFER = Cadence.sales("card-upgrade")
            .step("sms-offer").at(days(0)).sms("upgrade-offer")
            .step("whatsapp-offer").at(days(2)).whatsapp("upgrade-offer")
            .step("email-offer").at(days(4)).email("upgrade-offer")
            .exitOn(CONVERSION)
            .build();

    @Test
    void an_independent_auditor_finds_no_policy_or_budget_violation_in_the_recorded_dispatches() {
        BrazilZoneResolver places = BrazilZoneResolver.standard();
        Budget budget = Budget.builder().perAccountPercentOfValue(PERCENT).onExhaustion(Budget.Exhaustion.SKIP_STEP).build();
        Cadence collection = CollectionCadence.collection();
        SimulationResult result = Simulation.builder()
                .customers(3_000).days(40).seed(2026)
                .population(Population.builder().segment(CollectionCadence.HIGH_BALANCE, 0.3).whatsapp(0.6)
                        .consent(Channel.WHATSAPP, Purpose.MARKETING, 0.3)
                        .consent(Channel.SMS, Purpose.MARKETING, 0.5).build())
                .cadences(collection, OFFER)
                .scenario((person, cadences, plan, random) -> {
                    plan.enrol(plan.start(), collection, person.subject());
                    plan.enrol(plan.start().plus(Duration.ofDays(random.nextInt(20))), OFFER,
                            new io.cadencerules.customer.Lead("lead-" + person.id(), Money.brl("300"), "card-upgrade"));
                })
                .engine(b -> b.zones(places).policy(ContactPolicy.builder().localities(places).build()).budget(budget.caps()))
                .recordDispatches(true)
                .build().run();

        List<Dispatch> dispatches = result.dispatches();
        assertThat(dispatches).hasSizeGreaterThan(5_000);
        Map<String, List<Event>> stops = new HashMap<>();
        for (Event e : result.events()) {
            if (e instanceof OptOut || e instanceof ReplyReceived r && r.text().equals("PARAR")) {
                stops.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
            }
        }
        assertThat(stops).as("the run has opt-outs to check").isNotEmpty();

        Map<String, BigDecimal> spentPerAccount = new HashMap<>();
        Map<String, List<Instant>> sms = new HashMap<>();
        Map<String, List<Call>> calls = new HashMap<>(); // in the order they were dispatched
        int marketing = 0;
        for (Dispatch d : dispatches) {
            ContactRequest r = d.request();
            Instant at = d.at();
            Purpose purpose = r.journeyId().cadenceId().equals(OFFER.id()) ? Purpose.MARKETING : Purpose.COLLECTION;
            String what = r.idempotencyKey() + " at " + at + " (" + purpose + " " + r.channel() + ")";
            for (Locality place : places.localities(r.customer())) {
                assertThat(allowed(place, at)).as("%s is inside the window in %s", what, place).isTrue();
            }
            if (purpose == Purpose.MARKETING) {
                marketing++;
                assertThat(granted(r.customer(), r.channel(), purpose)).as("%s has the consent an offer needs", what).isTrue();
            }
            for (Event stop : stops.getOrDefault(r.customer().id(), List.of())) {
                Channel medium = stop instanceof ReplyReceived reply ? reply.channel() : ((OptOut) stop).channel();
                if (stop.occurredAt().isBefore(at)) {
                    assertThat(sameMedium(medium, r.channel())).as("%s after a stop on %s at %s", what, medium, stop.occurredAt()).isFalse();
                }
            }
            if (r.channel() == Channel.SMS || r.channel() == Channel.TWO_WAY_SMS) {
                sms.computeIfAbsent(r.customer().id(), k -> new ArrayList<>()).add(at);
            }
            if (r.channel().isCall()) {
                Cadence cadence = r.journeyId().cadenceId().equals(OFFER.id()) ? OFFER : collection;
                boolean handOff = r.channel() == Channel.AGENT && cadence.step(r.stepId()).orElseThrow().action().channel() != Channel.AGENT;
                calls.computeIfAbsent(r.customer().id(), k -> new ArrayList<>()).add(new Call(at, handOff));
            }
            String account = r.customer().id() + "/" + r.subject().key();
            BigDecimal spent = spentPerAccount.merge(account, d.cost().amount(), BigDecimal::add);
            r.subject().value().ifPresent(value -> assertThat(spent)
                    .as("%s keeps account %s within %s%% of %s", what, account, PERCENT, value)
                    .isLessThanOrEqualTo(value.amount().multiply(PERCENT).movePointLeft(2)));
        }
        assertThat(marketing).as("offers were made").isPositive();
        sms.forEach((who, times) -> assertMaxInWindow(times.stream().map(at -> new Call(at, false)).toList(), 1, Duration.ofDays(1),
                "SMS of " + who));
        assertThat(calls.values().stream().flatMap(List::stream).filter(Call::handOff)).as("hand-offs the people asked for").isNotEmpty();
        calls.forEach((who, all) -> {
            // a hand-off the person asked for continues their call: the caps do not hold it back, but it counts for later calls
            assertMaxInWindow(all, 3, Duration.ofDays(1), "calls of " + who);
            assertMaxInWindow(all, 1, Duration.ofMinutes(5), "calls of " + who);
        });
        assertThat(result.report().champion().blocked()).as("the policy and the budget did refuse contacts")
                .containsKey("budget-exhausted");
    }

    /**
     * Each contact but a hand-off has fewer than {@code max} contacts dispatched before it (in
     * {@code sent}'s order) within the window before it.
     */
    private static void assertMaxInWindow(List<Call> sent, int max, Duration window, String what) {
        for (int i = 0; i < sent.size(); i++) {
            Call call = sent.get(i);
            if (call.handOff()) {
                continue;
            }
            long before = sent.subList(0, i).stream().filter(c -> c.at().isAfter(call.at().minus(window))).count();
            assertThat(before).as("%s: %d in the %s before %s (%s)", what, before, window, call.at(), sent).isLessThan(max);
        }
    }

    private record Call(Instant at, boolean handOff) {
    }

    /** The shipped br-default pack as written: 08–20 weekdays, 08–14 Saturday, closed Sunday and holidays. */
    private static boolean allowed(Locality place, Instant at) {
        ZonedDateTime local = at.atZone(place.zone());
        LocalTime t = local.toLocalTime();
        String region = HOLIDAYS.regions("BR").contains(place.region()) ? place.region() : "";
        if (HOLIDAYS.isHoliday(local.toLocalDate(), "BR", region) || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        LocalTime end = local.getDayOfWeek() == DayOfWeek.SATURDAY ? LocalTime.of(14, 0) : LocalTime.of(20, 0);
        return !t.isBefore(LocalTime.of(8, 0)) && t.isBefore(end);
    }

    private static boolean granted(Customer c, Channel ch, Purpose purpose) {
        return c.consents().stream().anyMatch(k -> k.granted() && k.purpose() == purpose && sameMedium(k.channel(), ch));
    }

    private static boolean sameMedium(Channel a, Channel b) {
        return a == b || a.isCall() && b.isCall()
                || Set.of(Channel.SMS, Channel.TWO_WAY_SMS).contains(a) && Set.of(Channel.SMS, Channel.TWO_WAY_SMS).contains(b);
    }
}
