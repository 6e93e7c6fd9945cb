package io.cadencerules.policy;

import io.cadencerules.customer.Money;

import java.util.Objects;

/**
 * One limit a {@link SpendClaim} must fit: what is already counted in its scope plus the claim's
 * estimate must not exceed {@code limit}.
 *
 * @param scope what the limit is counted over
 * @param limit the most that may be spent in the scope, not negative
 */
public record SpendCap(Scope scope, Money limit) {

    public SpendCap {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(limit, () -> scope + " cap needs a limit");
        if (limit.amount().signum() < 0) {
            throw new IllegalArgumentException(scope + " cap must not be negative, but was " + limit);
        }
    }

    /** What a cap is counted over; the day and month are the claim's, in the budget's zone. */
    public enum Scope {
        /** The claim's account: its customer and subject (the debt or deal), over every cadence and run. */
        ACCOUNT,
        /** The claim's cadence on the claim's day. */
        CADENCE_DAY,
        /** The claim's cadence in the claim's month. */
        CADENCE_MONTH,
        /** Everything on the claim's day. */
        GLOBAL_DAY;

        /** How the scope reads in a refusal, for a claim: {@code "cadence 'late' on 2026-03-20"}. */
        public String describe(SpendClaim claim) {
            return switch (this) {
                case ACCOUNT -> "account " + claim.journey().customerId() + "/" + claim.journey().subjectKey();
                case CADENCE_DAY -> "cadence '" + claim.journey().cadenceId() + "' on " + claim.day();
                case CADENCE_MONTH -> "cadence '" + claim.journey().cadenceId() + "' in " + claim.month();
                case GLOBAL_DAY -> "all cadences on " + claim.day();
            };
        }
    }
}
