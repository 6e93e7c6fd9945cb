package io.cadencerules.simulation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KpisTest {

    private static final double EPS = 1e-9;

    /** 200 journeys, 1,000 contacts (300 calls, 120 answered), 820 delivered, 90 answers, 30 converted (25 cured)… */
    private static Kpis example() {
        Kpis.Counts counts = new Kpis.Counts(200, 30, 1_000, 1_040, 300, 120, 820, 90, 25, 12, 40, 18, 6, 50, 21,
                80, 52, 12, 120, 45, 30, 64, 48);
        return Kpis.of(counts, new BigDecimal("100000.00"), new BigDecimal("12500.00"), new BigDecimal("3150.00"),
                new BigDecimal("437.50"));
    }

    @Test
    void rates_follow_the_trade_formulas_as_percentages() {
        Kpis k = example();
        assertThat(k.conversionRate()).isCloseTo(15.0, within(EPS));       // 30 / 200
        assertThat(k.answerRate()).isCloseTo(40.0, within(EPS));           // 120 / 300
        assertThat(k.deliveryRate()).isCloseTo(82.0, within(EPS));         // 820 / 1,000
        assertThat(k.responseRate()).isCloseTo(9.0, within(EPS));          // 90 / 1,000
        assertThat(k.optOutRate()).isCloseTo(0.6, within(EPS));            // 6 / 1,000
        assertThat(k.cureRate()).isCloseTo(12.5, within(EPS));             // 25 / 200
        assertThat(k.offerResponseRate()).isCloseTo(42.0, within(EPS));    // 21 / 50
    }

    @Test
    void costs_divide_the_spend() {
        Kpis k = example();
        assertThat(k.costPerContact()).isEqualByComparingTo("0.4375");            // 437.50 / 1,000
        assertThat(k.costPerConversion()).isEqualByComparingTo("14.5833");        // 437.50 / 30, to 4 places
        assertThat(k.costToCollect()).isCloseTo(3.5, within(EPS));                // 437.50 / 12,500 × 100
    }

    @Test
    void survey_kpis_are_csat_dsat_nps_and_fcr() {
        Kpis k = example();
        assertThat(k.csat()).isCloseTo(65.0, within(EPS));   // 52 of 80 answered 4–5
        assertThat(k.dsat()).isCloseTo(15.0, within(EPS));   // 12 of 80 answered 1–2
        assertThat(k.nps()).isCloseTo(12.5, within(EPS));    // (45 − 30) / 120
        assertThat(k.fcr()).isCloseTo(75.0, within(EPS));    // 48 of 64 solved first time
    }

    @Test
    void a_rate_without_a_denominator_is_not_applicable_rather_than_zero() {
        Kpis.Counts none = new Kpis.Counts(10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Kpis k = Kpis.of(none, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(k.conversionRate()).isZero();
        assertThat(k.answerRate()).isNull();
        assertThat(k.costPerContact()).isNull();
        assertThat(k.costPerConversion()).isNull();
        assertThat(k.costToCollect()).isNull();
        assertThat(k.cureRate()).isNull();
        assertThat(k.nps()).isNull();
        assertThat(k.csat()).isNull();
    }

    @Test
    void nps_spans_minus_100_to_100() {
        assertThat(Kpis.nps(0, 10, 10)).isEqualTo(-100.0);
        assertThat(Kpis.nps(10, 0, 10)).isEqualTo(100.0);
        assertThat(Kpis.nps(3, 3, 10)).isEqualTo(0.0);
        assertThatThrownBy(() -> Kpis.nps(6, 6, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NPS needs promoters + detractors <= answers, but was 6 + 6 of 10");
    }

    @Test
    void impossible_counts_are_refused_with_the_numbers() {
        assertThatThrownBy(() -> Kpis.percent(11, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rate needs 0 <= part <= whole, but was 11 of 10");
    }
}
