package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.simulation.Population;
import io.cadencerules.simulation.Simulation;

import java.math.BigDecimal;
import java.util.List;

/** The simulation behind each example of the demo: population, scenario, cadences, engine setup, challenger. */
final class DemoRuns {

    /** The examples the demo knows, the default first. */
    static final List<String> NAMES = List.of("collection");

    private DemoRuns() {
    }

    /** A simulation of the named example, with its challenger when asked. */
    static Simulation.Builder simulation(String example, boolean challenger) {
        return switch (example) {
            case "collection" -> collection(challenger);
            default -> throw new IllegalArgumentException("unknown example '" + example + "'; the examples are "
                    + String.join(", ", NAMES));
        };
    }

    private static Simulation.Builder collection(boolean challenger) {
        BrazilZoneResolver places = BrazilZoneResolver.standard();
        Budget budget = Budget.builder().perAccountPercentOfValue(new BigDecimal("3"))
                .onExhaustion(Budget.Exhaustion.CHEAPER_CHANNEL).build();
        Simulation.Builder b = Simulation.builder()
                .title("Collection régua (cobrança)")
                .population(Population.builder().segment(CollectionCadence.HIGH_BALANCE, 0.3).whatsapp(0.7)
                        .consent(Channel.WHATSAPP, Purpose.COLLECTION, 0.5).build())
                .cadences(CollectionCadence.collection())
                .engine(e -> e.zones(places).policy(ContactPolicy.builder().localities(places).build()).budget(budget.caps()));
        if (challenger) {
            Cadence v2 = CollectionCadence.collection(); // replaced below once the examples land
            b.challenger("challenger", 0.5, v2);
        }
        return b;
    }
}
