package io.cadencerules.simulation;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.store.JourneyQuery;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;
import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {

    static Cadence collection(int version) {
        return Cadence.collection("collection").version(version)
                .step("d-5-email").at(days(-5)).email("prevention")
                .step("d-1-sms").at(days(-1)).sms("due-tomorrow")
                .step("d+1-sms").at(days(1)).sms("overdue")
                .step("d+3-voice").at(days(3)).voiceBlast("late-notice")
                .step("d+5-ivr").at(days(5)).outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
                .step("d+10-agent").at(days(10)).agentCall("collections").when(segment("high-balance"))
                .exitOn(PAYMENT_RECEIVED).pauseOn(PROMISE_TO_PAY)
                .build();
    }

    static Simulation.Builder small(long seed) {
        return Simulation.builder().customers(800).days(30).seed(seed)
                .population(Population.builder().segment("high-balance", 0.3).build())
                .cadences(collection(1));
    }

    @Test
    void same_seed_gives_an_identical_report_and_a_different_seed_different_numbers() {
        SimulationReport first = small(7).build().run().report();
        SimulationReport again = small(7).build().run().report();
        SimulationReport other = small(8).build().run().report();

        assertThat(again).isEqualTo(first);
        assertThat(ReportJson.render(again)).isEqualTo(ReportJson.render(first));
        assertThat(ReportTable.render(again)).isEqualTo(ReportTable.render(first));
        assertThat(other.champion().kpis()).isNotEqualTo(first.champion().kpis());
        assertThat(other.champion().kpis().counts().contacts()).isNotEqualTo(first.champion().kpis().counts().contacts());
    }

    @Test
    void the_report_counts_what_the_engine_recorded() {
        SimulationResult result = small(11).recordDispatches(true).build().run();
        SimulationReport.Variant v = result.report().champion();
        List<Journey> journeys = result.engine().journeys(JourneyQuery.byCadence("collection").limit(Integer.MAX_VALUE));

        long sent = journeys.stream().flatMap(j -> j.history().stream()).filter(e -> e.kind() == HistoryEntry.Kind.SENT).count();
        long converted = journeys.stream().filter(j -> j.status() == io.cadencerules.journey.JourneyStatus.CONVERTED).count();
        assertThat(v.kpis().counts().journeys()).isEqualTo(800).isEqualTo(journeys.size());
        assertThat(v.kpis().counts().contacts()).isEqualTo(sent).isEqualTo(result.dispatches().size());
        assertThat(v.kpis().counts().converted()).isEqualTo(converted).isPositive();
        assertThat(v.funnel().stream().mapToLong(SimulationReport.StepRow::sent).sum()).isEqualTo(sent);
        assertThat(v.funnel().stream().mapToLong(SimulationReport.StepRow::converted).sum()).isEqualTo(converted);
        assertThat(v.stops().stream().mapToLong(SimulationReport.StopRow::journeys).sum()).isEqualTo(800);
        assertThat(v.daily()).hasSize(31);
        assertThat(v.daily().stream().mapToLong(SimulationReport.DayRow::totalContacts).sum()).isEqualTo(sent);
        assertThat(v.kpis().counts().fullPayments()).isEqualTo(converted);
        assertThat(v.kpis().recovered()).isPositive();
        assertThat(v.kpis().spend()).isEqualByComparingTo(result.dispatches().stream()
                .map(d -> d.cost().amount()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        // the agent step goes only to the high-balance segment, and IVR key 1 hands off to an agent
        assertThat(result.dispatches()).filteredOn(d -> d.request().stepId().equals("d+10-agent"))
                .allMatch(d -> d.request().customer().inSegment("high-balance")).isNotEmpty();
        assertThat(result.dispatches()).anyMatch(d -> d.request().stepId().equals("d+5-ivr") && d.request().channel() == Channel.AGENT);
    }

    @Test
    void a_champion_challenger_run_splits_the_population_and_reports_both_side_by_side() {
        Cadence v2 = Cadence.collection("collection").version(2)
                .step("d-1-sms").at(days(-1)).sms("due-tomorrow")
                .step("d+2-ivr").at(days(2)).outboundIvr("negotiate").onKey('1', handOffToAgent("negotiation"))
                .exitOn(PAYMENT_RECEIVED).pauseOn(PROMISE_TO_PAY)
                .build();
        SimulationReport report = small(5).challenger("short", 0.5, v2).build().run().report();

        assertThat(report.variants()).extracting(SimulationReport.Variant::name).containsExactly("champion", "short");
        SimulationReport.Variant champion = report.champion();
        SimulationReport.Variant challenger = report.challenger().orElseThrow();
        assertThat(champion.customers() + challenger.customers()).isEqualTo(800);
        assertThat(champion.customers()).isBetween(330, 470);
        assertThat(champion.cadences()).containsExactly("collection@1");
        assertThat(challenger.cadences()).containsExactly("collection@2");
        assertThat(champion.kpis().counts().journeys()).isEqualTo(champion.customers());
        assertThat(challenger.kpis().counts().journeys()).isEqualTo(challenger.customers());
        assertThat(challenger.funnel()).extracting(SimulationReport.StepRow::step).contains("d-1-sms", "d+2-ivr")
                .doesNotContain("d-5-email");
        assertThat(champion.funnel()).extracting(SimulationReport.StepRow::step).contains("d-5-email");
    }
}
