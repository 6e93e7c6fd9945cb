package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.collection.CollectionExample;
import io.cadencerules.examples.offers.OffersExample;
import io.cadencerules.examples.relationship.RelationshipExample;
import io.cadencerules.examples.sales.SalesExample;
import io.cadencerules.rules.RuleBook;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The runnable examples by name, for a runner's {@code --example NAME}: each gives its cadences and
 * configures an engine builder with what it needs besides the clock, channels and store (rules, contact
 * policy, budget…). Each example configures its own engine: {@link #configure} sets parts a builder takes
 * once (the classifier, the condition evaluator), so two examples cannot share one builder.
 *
 * <pre>{@code
 * Examples example = Examples.named("collection");
 * CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock).channel(Channel.SMS, sms) ...;
 * example.configure(builder);
 * CadenceEngine engine = builder.build();
 * }</pre>
 *
 * What starts each cadence and which events answer it is written on each example's class.
 */
public enum Examples {

    /** {@link CollectionExample}. */
    COLLECTION("collection",
            "régua de cobrança: D-5 e-mail to D+10 agent call, IVR negotiation, 3% spend cap, stop on payment, pause on promise",
            CollectionExample::cadences, CollectionExample::configure, CollectionExample::rules),
    /** {@link SalesExample}. */
    SALES("sales",
            "régua de vendas: abandoned-cart coupon, upsell or cross-sell by profile, interest survey by DDD region",
            SalesExample::cadences, SalesExample::configure, SalesExample::rules),
    /** {@link RelationshipExample}. */
    RELATIONSHIP("relationship",
            "régua de relacionamento: after an inbound contact, thank-you, appointment, NPS, dates, registration, plan change",
            RelationshipExample::cadences, RelationshipExample::configure, RelationshipExample::rules),
    /** {@link OffersExample}. */
    OFFERS("offers",
            "real-time offers (seed 002): address change or tow request, ranked offers, presentation and acceptance",
            OffersExample::cadences, OffersExample::configure, OffersExample::rules);

    private final String id;
    private final String description;
    private final Supplier<List<Cadence>> cadences;
    private final Consumer<CadenceEngine.Builder> configure;
    private final Supplier<RuleBook> rules;

    Examples(String id, String description, Supplier<List<Cadence>> cadences, Consumer<CadenceEngine.Builder> configure,
             Supplier<RuleBook> rules) {
        this.id = id;
        this.description = description;
        this.cadences = cadences;
        this.configure = configure;
        this.rules = rules;
    }

    /** The name a runner uses, e.g. {@code "collection"}. */
    public String id() {
        return id;
    }

    /** One line saying what the example shows. */
    public String description() {
        return description;
    }

    /** Every cadence of the example. */
    public List<Cadence> cadences() {
        return cadences.get();
    }

    /** Installs what the example needs besides the clock, channels and store; once per builder. */
    public void configure(CadenceEngine.Builder builder) {
        configure.accept(Objects.requireNonNull(builder, "builder"));
    }

    /** The example's rule book: its classification and action DRL files, compiled (from cache when unchanged). */
    public RuleBook rules() {
        return rules.get();
    }

    /**
     * The example with this name (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Examples named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown example '" + name + "'; known: " + names()));
    }

    /** The names, in order, separated by commas: {@code "collection, sales, relationship, offers"}. */
    public static String names() {
        return Arrays.stream(values()).map(Examples::id).collect(Collectors.joining(", "));
    }
}
