package io.cadencerules.customer;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice or debt: the subject of a collection cadence.
 *
 * @param key      invoice / contract number
 * @param amount   the amount due
 * @param due      the due date (vencimento); days past due are counted from it
 * @param type     free debt type used for segmentation ("card", "loan", "utility"…), may be empty
 */
public record Debt(String key, Money amount, LocalDate due, String type) implements Subject {

    public Debt {
        key = Subject.requireKey(key);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(due, "due");
        if (amount.amount().signum() < 0) {
            throw new IllegalArgumentException("debt '" + key + "' amount must not be negative, but was " + amount);
        }
        type = type == null ? "" : type;
    }

    /** A debt without a type. */
    public static Debt of(String key, Money amount, LocalDate due) {
        return new Debt(key, amount, due, "");
    }

    /** Days past due on {@code today} (negative before the due date). */
    public long daysPastDue(LocalDate today) {
        return ChronoUnit.DAYS.between(due, today);
    }

    @Override
    public Optional<LocalDate> dueDate() {
        return Optional.of(due);
    }

    @Override
    public Optional<Money> value() {
        return Optional.of(amount);
    }
}
