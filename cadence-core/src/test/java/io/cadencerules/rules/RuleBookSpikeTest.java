package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBookSpikeTest {

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void spike(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("spike").mode(mode).classpath("io/cadencerules/rules/segmentation.drl").build();
        Customer c = Customer.builder("c1").phone("+5592991234567").build();
        Debt d = Debt.of("i1", Money.brl("2500.00"), Fixtures.DUE);
        Enrolment e = new Enrolment(c, d, Fixtures.cardLate(), Fixtures.START, ZoneId.of("America/Manaus"));
        Evaluation ev = book.evaluate(e);
        System.out.println(mode + " " + ev);
        assertThat(ev.all(TreatmentPath.class)).extracting(TreatmentPath::getName).containsExactly("hard");
        assertThat(ev.all(Segment.class)).extracting(Segment::getName).containsExactlyInAnyOrder("high-balance", "north");
    }
}
