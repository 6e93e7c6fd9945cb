package io.cadencerules.policy;

import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Reasons;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What contacts may cost: a cost table, caps (per account, per cadence per day and per month,
 * global per day), what to do when a cap is reached, a cost-aware channel choice, and a ledger of
 * what was spent. Built once with {@link #builder()}; immutable and thread-safe.
 *
 * <pre>{@code
 * Budget budget = Budget.builder()
 *     .perAccountPercentOfValue(new BigDecimal("2"))            // at most 2% of the debt per account
 *     .perCadencePerDay("card-late", Money.brl("5000.00"))
 *     .globalPerDay(Money.brl("20000.00"))
 *     .onExhaustion("card-late", Budget.Exhaustion.CHEAPER_CHANNEL)
 *     .build();
 * CadenceEngine engine = CadenceEngine.builder().clock(clock)
 *     .eligibility(budget.channelChoice())                       // optional: choose by expected value − cost
 *     .budget(budget.caps())
 *     .build();
 * budget.ledger().spentByAccount("c-1", "inv-9");
 * }</pre>
 *
 * <p>The {@link #caps()} stage estimates each contact's cost, refuses contacts that would break a
 * cap (reason {@value #EXHAUSTED}, the detail naming the cap and the figures), and reserves each
 * contact's estimate atomically just before it goes out ({@code admit}), so journeys decided
 * together in one batch, two journeys of one customer or several threads never overspend. After the
 * adapter answers it books the actual cost (the provider's, else the estimate), releases the
 * reservation of a contact that did not go out, and keeps an unknown outcome counted at the
 * estimate until the engine's re-offer of the same contact settles it.
 */
public final class Budget {

    /** Reason code of a contact refused because it would break a cap. */
    public static final String EXHAUSTED = "budget-exhausted";
    /** Reason code of a contact whose subject's value is in another currency than the cost table. */
    public static final String CURRENCY_MISMATCH = "budget-currency-mismatch";

    /** What a cadence does with a contact that would break a cap. */
    public enum Exhaustion {
        /** Skip the step; the journey moves on to its next step. */
        SKIP_STEP,
        /**
         * Try the step's next fallback channel (it goes through every stage again and is refused too
         * while it does not fit); when no fallback fits, the step is skipped. List fallbacks cheaper first.
         */
        CHEAPER_CHANNEL,
        /** End the journey as EXITED. */
        END_JOURNEY
    }

    /**
     * One channel the cost-aware choice considered for a contact.
     *
     * @param route         0 for the step's own action, n for its n-th fallback
     * @param action        the action
     * @param probability   the response model's probability of conversion
     * @param cost          the estimated cost
     * @param expectedValue probability × value − cost
     */
    public record ChannelOption(int route, ChannelAction action, double probability, Money cost, Money expectedValue) {
        public ChannelOption {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(cost, "cost");
            Objects.requireNonNull(expectedValue, "expectedValue");
        }

        @Override
        public String toString() {
            return action.channel() + " p=" + probability + " cost " + cost + " EV " + expectedValue;
        }
    }

    private final CostTable costs;
    private final Map<Channel, String> providers;
    private final Money perAccount;
    private final BigDecimal perAccountPercent;
    private final Map<String, Money> perCadencePerDay;
    private final Map<String, Money> perCadencePerMonth;
    private final Money globalPerDay;
    private final Exhaustion defaultExhaustion;
    private final Map<String, Exhaustion> exhaustion;
    private final Map<String, Money> defaultValues;
    private final ZoneId zone;
    private final SpendLedger ledger;
    private final ResponseModel responses;
    private final DecisionStage capsStage;
    private final DecisionStage choiceStage;

    private Budget(Builder b, CostTable costs, SpendLedger ledger, ResponseModel responses) {
        this.costs = costs;
        this.providers = Map.copyOf(b.providers);
        this.perAccount = b.perAccount;
        this.perAccountPercent = b.perAccountPercent;
        this.perCadencePerDay = Map.copyOf(b.perCadencePerDay);
        this.perCadencePerMonth = Map.copyOf(b.perCadencePerMonth);
        this.globalPerDay = b.globalPerDay;
        this.defaultExhaustion = b.defaultExhaustion != null ? b.defaultExhaustion : Exhaustion.SKIP_STEP;
        this.exhaustion = Map.copyOf(b.exhaustion);
        this.defaultValues = Map.copyOf(b.defaultValues);
        this.zone = b.zone != null ? b.zone : ZoneId.of("America/Sao_Paulo");
        this.ledger = ledger;
        this.responses = responses;
        this.capsStage = new BudgetCapsStage(this);
        this.choiceStage = new ChannelChoiceStage(this);
    }

    /** A builder: the standard cost and response tables, no caps, skip on exhaustion, São Paulo days, an in-memory ledger. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stage that enforces the caps and books the spend; register it with
     * {@code CadenceEngine.builder().budget(budget.caps())}.
     */
    public DecisionStage caps() {
        return capsStage;
    }

    /**
     * The stage that chooses, for a step with fallbacks, the channel with the highest expected value
     * (probability of conversion × value − cost) among the current one and the remaining fallbacks;
     * register it with {@code CadenceEngine.builder().eligibility(budget.channelChoice())}.
     */
    public DecisionStage channelChoice() {
        return choiceStage;
    }

    /** The ledger of what was spent. */
    public SpendLedger ledger() {
        return ledger;
    }

    /** The cost table. */
    public CostTable costs() {
        return costs;
    }

    /** The zone whose days and months the daily and monthly caps count in. */
    public ZoneId zone() {
        return zone;
    }

    /** What a cadence does with a contact that would break a cap. */
    public Exhaustion exhaustion(String cadenceId) {
        return exhaustion.getOrDefault(cadenceId, defaultExhaustion);
    }

    /**
     * The estimated cost of one contact on a channel, from the provider configured for it.
     *
     * @throws IllegalArgumentException if the cost table has no price for it
     */
    public Money estimate(Channel channel) {
        return costs.estimate(channel, providers.getOrDefault(channel, CostTable.DEFAULT_PROVIDER));
    }

    /**
     * The options the cost-aware choice weighs for a contact, best first (highest expected value,
     * then the author's order): the contact's current action and the step's remaining fallbacks.
     * Empty when there is nothing to choose: a hand-off, a step without fallbacks, an action another
     * stage put there, or no value known (the subject has none in the cost table's currency and the
     * cadence has no {@linkplain Builder#defaultValue default value}).
     */
    public List<ChannelOption> explain(StepContext contact) {
        Step step = contact.step();
        if (contact.handOff() || step.fallbacks().isEmpty()) {
            return List.of();
        }
        List<ChannelAction> routes = new ArrayList<>(1 + step.fallbacks().size());
        routes.add(step.action());
        routes.addAll(step.fallbacks());
        int current = routes.indexOf(contact.action());
        Money value = value(contact).orElse(null);
        if (current < 0 || value == null) {
            return List.of();
        }
        List<ChannelOption> options = new ArrayList<>(routes.size() - current);
        for (int route = current; route < routes.size(); route++) {
            ChannelAction action = routes.get(route);
            double p = responses.probability(contact, action.channel());
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalStateException("response model " + responses + " gave " + action.channel()
                        + " a probability of " + p + ", outside 0 to 1");
            }
            Money cost = estimate(action.channel());
            BigDecimal expected = BigDecimal.valueOf(p).multiply(value.amount()).subtract(cost.amount());
            options.add(new ChannelOption(route, action, p, cost,
                    new Money(CostTable.tidy(expected), costs.currency())));
        }
        options.sort(Comparator.comparing((ChannelOption o) -> o.expectedValue().amount()).reversed()
                .thenComparingInt(ChannelOption::route));
        return List.copyOf(options);
    }

    /** The value at stake for the choice: the subject's, else the cadence's default, in the cost table's currency. */
    private Optional<Money> value(StepContext contact) {
        Optional<Money> own = contact.journey().subject().value().filter(v -> v.currency().equals(costs.currency()));
        return own.isPresent() ? own : Optional.ofNullable(defaultValues.get(contact.cadence().id()));
    }

    /** The budget's day of the contact's time. */
    LocalDate day(StepContext contact) {
        return contact.now().atZone(zone).toLocalDate();
    }

    /**
     * The account cap of a contact: the smaller of the absolute cap and the percentage of the
     * subject's value (when it has one), or null when neither applies.
     *
     * @throws CurrencyMismatch if the percentage applies to a value in another currency
     */
    Limit accountLimit(StepContext contact) {
        Limit limit = perAccount == null ? null : new Limit(perAccount, "");
        if (perAccountPercent != null) {
            Optional<Money> value = contact.journey().subject().value();
            if (value.isPresent()) {
                Money v = value.get();
                if (!v.currency().equals(costs.currency())) {
                    throw new CurrencyMismatch("subject '" + contact.journey().subject().key() + "' value " + v
                            + " is not in the cost table's currency " + costs.currency().getCurrencyCode());
                }
                Money share = new Money(CostTable.tidy(v.amount().multiply(perAccountPercent).movePointLeft(2)), v.currency());
                if (limit == null || share.compareTo(limit.amount()) < 0) {
                    limit = new Limit(share, " (" + perAccountPercent.stripTrailingZeros().toPlainString() + "% of " + v + ")");
                }
            }
        }
        return limit;
    }

    /** A cap's limit and how it was reached ({@code " (2% of BRL 500.00)"}, or empty). */
    record Limit(Money amount, String basis) {
    }

    /** The subject's value cannot be compared with the cost table's prices. */
    static final class CurrencyMismatch extends RuntimeException {
        CurrencyMismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** The caps a contact must fit, with the account cap's basis for messages. */
    List<SpendCap> capsFor(StepContext contact, Limit account) {
        List<SpendCap> caps = new ArrayList<>(4);
        if (account != null) {
            caps.add(new SpendCap(SpendCap.Scope.ACCOUNT, account.amount()));
        }
        String cadence = contact.cadence().id();
        if (perCadencePerDay.containsKey(cadence)) {
            caps.add(new SpendCap(SpendCap.Scope.CADENCE_DAY, perCadencePerDay.get(cadence)));
        }
        if (perCadencePerMonth.containsKey(cadence)) {
            caps.add(new SpendCap(SpendCap.Scope.CADENCE_MONTH, perCadencePerMonth.get(cadence)));
        }
        if (globalPerDay != null) {
            caps.add(new SpendCap(SpendCap.Scope.GLOBAL_DAY, globalPerDay));
        }
        return caps;
    }

    @Override
    public String toString() {
        return "Budget[" + costs.name() + ", ledger " + ledger + "]";
    }

    /**
     * Configures a {@link Budget}. Each option may be given once (per cadence for the per-cadence
     * ones): a repeated option is an {@link IllegalStateException} naming it. {@link #build()} may be
     * called more than once; each budget gets its own default in-memory ledger.
     */
    public static final class Builder {
        private CostTable costs;
        private final Map<Channel, String> providers = new EnumMap<>(Channel.class);
        private Money perAccount;
        private BigDecimal perAccountPercent;
        private final Map<String, Money> perCadencePerDay = new HashMap<>();
        private final Map<String, Money> perCadencePerMonth = new HashMap<>();
        private Money globalPerDay;
        private Exhaustion defaultExhaustion;
        private final Map<String, Exhaustion> exhaustion = new HashMap<>();
        private final Map<String, Money> defaultValues = new HashMap<>();
        private ZoneId zone;
        private SpendLedger ledger;
        private ResponseModel responses;

        private Builder() {
        }

        /** The cost table; default {@link CostTable#standard()} (illustrative BRL prices). */
        public Builder costs(CostTable table) {
            once("costs", costs);
            this.costs = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Which provider's price a channel's contacts are estimated at; default {@value CostTable#DEFAULT_PROVIDER}. */
        public Builder provider(Channel channel, String provider) {
            Objects.requireNonNull(channel, "channel");
            if (provider == null || provider.isBlank()) {
                throw new IllegalArgumentException("budget provider for " + channel + " must not be blank, but was '" + provider + "'");
            }
            if (providers.containsKey(channel)) {
                throw new IllegalStateException("budget option provider for " + channel + " is already set to '"
                        + providers.get(channel) + "'");
            }
            providers.put(channel, provider.strip());
            return this;
        }

        /**
         * At most this much per account (a customer's debt or deal, over all its cadences and runs).
         * With {@link #perAccountPercentOfValue} too, the smaller applies.
         */
        public Builder perAccount(Money cap) {
            once("perAccount", perAccount);
            this.perAccount = notNegative("perAccount", cap);
            return this;
        }

        /**
         * At most this percentage of the subject's value (debt balance, deal value) per account — "the
         * maximum spend per contact so the portfolio stays profitable". Subjects without a value get
         * only the absolute {@link #perAccount} cap, if any.
         *
         * @param percent from 0 to 100, e.g. {@code 2} for 2%
         */
        public Builder perAccountPercentOfValue(BigDecimal percent) {
            once("perAccountPercentOfValue", perAccountPercent);
            Objects.requireNonNull(percent, "percent");
            if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("budget perAccountPercentOfValue must be from 0 to 100, but was "
                        + percent.toPlainString());
            }
            this.perAccountPercent = percent;
            return this;
        }

        /** At most this much per day (in the budget's {@linkplain #zone zone}) for one cadence. */
        public Builder perCadencePerDay(String cadenceId, Money cap) {
            perCadence("perCadencePerDay", perCadencePerDay, cadenceId, cap);
            return this;
        }

        /** At most this much per calendar month (in the budget's zone) for one cadence. */
        public Builder perCadencePerMonth(String cadenceId, Money cap) {
            perCadence("perCadencePerMonth", perCadencePerMonth, cadenceId, cap);
            return this;
        }

        /** At most this much per day (in the budget's zone) over all cadences. */
        public Builder globalPerDay(Money cap) {
            once("globalPerDay", globalPerDay);
            this.globalPerDay = notNegative("globalPerDay", cap);
            return this;
        }

        /** What every cadence without its own setting does when a cap is reached; default {@link Exhaustion#SKIP_STEP}. */
        public Builder onExhaustion(Exhaustion mode) {
            once("onExhaustion", defaultExhaustion);
            this.defaultExhaustion = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** What one cadence does when a cap is reached. */
        public Builder onExhaustion(String cadenceId, Exhaustion mode) {
            requireCadence("onExhaustion", cadenceId);
            Objects.requireNonNull(mode, "mode");
            if (exhaustion.containsKey(cadenceId)) {
                throw new IllegalStateException("budget option onExhaustion for cadence '" + cadenceId + "' is already set to "
                        + exhaustion.get(cadenceId));
            }
            exhaustion.put(cadenceId, mode);
            return this;
        }

        /** The value the channel choice assumes for a cadence's subjects that have none (an appointment, a survey). */
        public Builder defaultValue(String cadenceId, Money value) {
            perCadence("defaultValue", defaultValues, cadenceId, value);
            return this;
        }

        /** The zone whose days and months the caps count in; default America/Sao_Paulo. */
        public Builder zone(ZoneId zone) {
            once("zone", this.zone);
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Where spend is booked; default a new {@link InMemorySpendLedger} in the cost table's currency. */
        public Builder ledger(SpendLedger ledger) {
            once("ledger", this.ledger);
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** The conversion probabilities of the channel choice; default {@link ResponseTable#standard()}. */
        public Builder responseModel(ResponseModel model) {
            once("responseModel", responses);
            this.responses = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The budget.
         *
         * @throws IllegalStateException if a cap, default value or the ledger is in another currency than the
         *                               cost table, or a configured provider has no price in it
         */
        public Budget build() {
            CostTable table = costs != null ? costs : CostTable.standard();
            List<String> problems = new ArrayList<>();
            sameCurrency(table, "perAccount", perAccount, problems);
            sameCurrency(table, "globalPerDay", globalPerDay, problems);
            perCadencePerDay.forEach((id, cap) -> sameCurrency(table, "perCadencePerDay for cadence '" + id + "'", cap, problems));
            perCadencePerMonth.forEach((id, cap) -> sameCurrency(table, "perCadencePerMonth for cadence '" + id + "'", cap, problems));
            defaultValues.forEach((id, value) -> sameCurrency(table, "defaultValue for cadence '" + id + "'", value, problems));
            if (ledger != null && !ledger.currency().equals(table.currency())) {
                problems.add("the ledger is in " + ledger.currency().getCurrencyCode() + ", but the cost table '" + table.name()
                        + "' prices in " + table.currency().getCurrencyCode());
            }
            providers.forEach((channel, provider) -> {
                if (table.entry(channel, provider).isEmpty()) {
                    problems.add("provider '" + provider + "' for " + channel + " has no price in cost table '" + table.name() + "'");
                }
            });
            if (!problems.isEmpty()) {
                problems.sort(null);
                throw new IllegalStateException("budget: " + String.join("; ", problems));
            }
            return new Budget(this, table, ledger != null ? ledger : new InMemorySpendLedger(table.currency()),
                    responses != null ? responses : ResponseTable.standard());
        }

        private static void sameCurrency(CostTable table, String option, Money amount, List<String> problems) {
            if (amount != null && !amount.currency().equals(table.currency())) {
                problems.add(option + " is in " + amount.currency().getCurrencyCode() + ", but the cost table '" + table.name()
                        + "' prices in " + table.currency().getCurrencyCode());
            }
        }

        private static void once(String option, Object current) {
            if (current != null) {
                throw new IllegalStateException("budget option " + option + " is already set to " + current);
            }
        }

        private static Money notNegative(String option, Money amount) {
            Objects.requireNonNull(amount, () -> "budget " + option + " needs an amount");
            if (amount.amount().signum() < 0) {
                throw new IllegalArgumentException("budget " + option + " must not be negative, but was " + amount);
            }
            return amount;
        }

        private static void requireCadence(String option, String cadenceId) {
            if (cadenceId == null || cadenceId.isBlank()) {
                throw new IllegalArgumentException("budget " + option + " needs a cadence id, but was '" + cadenceId + "'");
            }
        }

        private static void perCadence(String option, Map<String, Money> map, String cadenceId, Money amount) {
            requireCadence(option, cadenceId);
            notNegative(option + " for cadence '" + cadenceId + "'", amount);
            if (map.containsKey(cadenceId)) {
                throw new IllegalStateException("budget option " + option + " for cadence '" + cadenceId + "' is already set to "
                        + map.get(cadenceId));
            }
            map.put(cadenceId, amount);
        }
    }
}
