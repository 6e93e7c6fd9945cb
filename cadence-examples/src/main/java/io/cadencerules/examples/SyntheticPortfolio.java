package io.cadencerules.examples;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.simulation.Population;
import io.cadencerules.simulation.Population.Region;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded synthetic debtors spread across Brazil: a region (state, area code and so time zone), a
 * mobile number with that area code, an e-mail address, one open invoice, and the "high-balance"
 * tag for about 30% of them. The same random state gives the same account.
 */
public final class SyntheticPortfolio {

    /** Share of accounts tagged {@link CollectionCadence#HIGH_BALANCE}. */
    public static final double HIGH_BALANCE_SHARE = 0.30;

    /** A customer and the debt a collection journey is about. */
    public record Account(Customer customer, Debt debt) {
        public Account {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(debt, "debt");
        }
    }

    private static final int TOTAL_WEIGHT = Population.BRAZIL.stream().mapToInt(Region::weight).sum();

    private SyntheticPortfolio() {
    }

    /**
     * The account number {@code index}: ids {@code c-0000001} / {@code inv-0000001}, a due date
     * {@code firstDue} plus 0 to {@code dueSpreadDays - 1} days, an amount of BRL 50–2,000 (BRL
     * 2,000–20,000 for high balances).
     */
    public static Account account(int index, SplittableRandom random, LocalDate firstDue, int dueSpreadDays) {
        if (index < 0) {
            throw new IllegalArgumentException("account index must not be negative, but was " + index);
        }
        if (dueSpreadDays < 1) {
            throw new IllegalArgumentException("due-date spread must be at least 1 day, but was " + dueSpreadDays);
        }
        String number = zeroPadded(index + 1, 7);
        Region region = region(random.nextInt(TOTAL_WEIGHT));
        boolean highBalance = random.nextDouble() < HIGH_BALANCE_SHARE;
        long cents = highBalance ? random.nextLong(200_000, 2_000_001) : random.nextLong(5_000, 200_001);
        LocalDate due = firstDue.plusDays(random.nextInt(dueSpreadDays));
        String phone = "+55" + region.areaCode() + "9" + zeroPadded(random.nextInt(100_000_000), 8);

        Customer.Builder customer = Customer.builder("c-" + number)
                .name("Cliente " + number)
                .phone(phone)
                .email("c" + number + "@example.com.br")
                .zone(region.zone())
                .addressState(region.state());
        if (highBalance) {
            customer.segments(CollectionCadence.HIGH_BALANCE);
        }
        Debt debt = new Debt("inv-" + number, new Money(BigDecimal.valueOf(cents, 2), Money.BRL), due, "card");
        return new Account(customer.build(), debt);
    }

    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static Region region(int draw) {
        int left = draw;
        for (Region region : Population.BRAZIL) {
            left -= region.weight();
            if (left < 0) {
                return region;
            }
        }
        throw new IllegalArgumentException("region draw must be below " + TOTAL_WEIGHT + ", but was " + draw);
    }
}
