package io.cadencerules.examples;

import io.cadencerules.channel.Channel;
import io.cadencerules.journey.JourneyStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTest {

    private static final CollectionSimulation.Config SMALL = new CollectionSimulation.Config(300, 30, 42);

    @Test
    void same_seed_gives_the_same_summary() {
        SimulationSummary first = CollectionSimulation.run(SMALL);
        SimulationSummary second = CollectionSimulation.run(SMALL);

        assertThat(second).isEqualTo(first);
        assertThat(second.toTable()).isEqualTo(first.toTable());
    }

    @Test
    void another_seed_gives_other_numbers() {
        SimulationSummary seed42 = CollectionSimulation.run(SMALL);
        SimulationSummary seed43 = CollectionSimulation.run(new CollectionSimulation.Config(300, 30, 43));

        assertThat(seed43).isNotEqualTo(seed42);
        assertThat(seed43.portfolio()).isNotEqualTo(seed42.portfolio());
        assertThat(seed43.contactsPerChannel()).isNotEqualTo(seed42.contactsPerChannel());
    }

    @Test
    void summary_accounts_for_every_customer_and_contact() {
        SimulationSummary summary = CollectionSimulation.run(SMALL);

        assertThat(summary.journeysByStatus().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(summary.stops().stream().mapToInt(SimulationSummary.StopRow::journeys).sum()).isEqualTo(300);
        assertThat(summary.stops().stream().mapToInt(SimulationSummary.StopRow::converted).sum())
                .isEqualTo(summary.converted());
        assertThat(summary.converted()).isEqualTo(summary.responses().fullPayments()).isPositive();
        assertThat(summary.contactsPerChannel().get(Channel.SMS)).isPositive();
        assertThat(summary.contactsPerChannel().get(Channel.AGENT)).isPositive();
        assertThat(summary.contactsPerChannel().get(Channel.WHATSAPP)).isZero();
        assertThat(summary.responses().rejectedEvents()).isZero();
        assertThat(summary.recovered()).isPositive().isLessThanOrEqualTo(summary.portfolio());
        assertThat(summary.journeysByStatus()).containsKey(JourneyStatus.COMPLETED);
    }

    @Test
    void command_line_options_override_the_defaults() {
        assertThat(Demo.parse(new String[0])).isEqualTo(CollectionSimulation.Config.defaults());
        assertThat(Demo.parse(new String[] {"--customers", "2000", "--seed", "7"}))
                .isEqualTo(new CollectionSimulation.Config(2000, 60, 7));
        assertThatThrownBy(() -> Demo.parse(new String[] {"--customers", "many"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --customers must be a number, but was 'many'");
        assertThatThrownBy(() -> Demo.parse(new String[] {"--verbose"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option '--verbose'");
    }
}
