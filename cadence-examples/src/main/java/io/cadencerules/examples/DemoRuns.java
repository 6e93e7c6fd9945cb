package io.cadencerules.examples;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.examples.collection.CollectionExample;
import io.cadencerules.examples.offers.OffersExample;
import io.cadencerules.examples.relationship.RelationshipExample;
import io.cadencerules.examples.sales.SalesExample;
import io.cadencerules.simulation.Population;
import io.cadencerules.simulation.Scenario;
import io.cadencerules.simulation.Simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulation behind each example of the demo: who the people are, how they enter the example's
 * cadences, and the engine as the example configures it (rules, contact policy, budget). Only the
 * collection example has a challenger (its version 2).
 */
final class DemoRuns {

    /** The examples the demo knows, the default first. */
    static final List<String> NAMES = Arrays.stream(Examples.values()).map(Examples::id).toList();

    private static final Channel[] MARKETING_CHANNELS = {Channel.SMS, Channel.TWO_WAY_SMS, Channel.EMAIL, Channel.WHATSAPP,
            Channel.OUTBOUND_IVR, Channel.AGENT};

    private DemoRuns() {
    }

    /**
     * A simulation of the named example, with its challenger when asked.
     *
     * @throws IllegalArgumentException for an unknown example, or a challenger for an example without one
     */
    static Simulation.Builder simulation(String name, boolean challenger) {
        Examples example = Examples.named(name);
        if (challenger && example != Examples.COLLECTION) {
            throw new IllegalArgumentException("example '" + name + "' has no challenger; --challenger runs with the collection example");
        }
        Simulation.Builder b = Simulation.builder().title(example.id() + ": " + example.description())
                .cadences(example.cadences()).engine(example::configure);
        return switch (example) {
            case COLLECTION -> collection(b, challenger);
            case SALES -> sales(b);
            case RELATIONSHIP -> relationship(b);
            case OFFERS -> offers(b);
        };
    }

    /** Debtors with a bill due 6 to 25 days after the start, so the D-5 e-mail can go; half may get WhatsApp. */
    private static Simulation.Builder collection(Simulation.Builder b, boolean challenger) {
        Population.SubjectMaker debts = Population.debts(Money.brl("40"), Money.brl("15000"), 20);
        b.population(Population.builder().whatsapp(0.7).consent(Channel.WHATSAPP, Purpose.COLLECTION, 0.5)
                .subjects((index, customer, random, start) -> {
                    Debt debt = (Debt) debts.make(index, customer, random, start);
                    return new Debt(debt.key(), debt.amount(), debt.due().plusDays(6), debt.type());
                }).build());
        if (challenger) {
            b.championName("v1").challenger("v2-shorter", 0.5, CollectionExample.billCollectionV2());
        }
        return b;
    }

    /** Shoppers: 40% abandon a cart, 30% get an upsell, 30% the interest survey; 60% consent to offers per channel. */
    private static Simulation.Builder sales(Simulation.Builder b) {
        Population.Builder people = Population.builder()
                .subjects(Population.leads(Money.brl("50"), Money.brl("3000"), "smartphone", "tv", "notebook", "fiber-plan"))
                .attribute("plan", "basic", "basic", "basic", "premium")
                .attribute("monthly_spend", "80", "150", "250", "400");
        for (Channel channel : MARKETING_CHANNELS) {
            people.consent(channel, Purpose.MARKETING, 0.6);
        }
        return b.population(people.build()).scenario((person, cadences, plan, random) -> {
            Instant at = someTime(plan, random, 20);
            double draw = random.nextDouble();
            if (draw < 0.4) {
                Lead cart = new Lead("cart-" + person.id(), ((Lead) person.subject()).amount(), ((Lead) person.subject()).product());
                plan.enrol(at, SalesExample.abandonedCart(), cart);
                plan.event(new CustomEvent(plan.nextEventId(), at.plus(Duration.ofMinutes(10)), person.id(), cart.key(),
                        SalesExample.CART_ABANDONED, null));
            } else if (draw < 0.7) {
                plan.enrol(at, SalesExample.upsell(), person.subject());
            } else {
                plan.enrol(at, SalesExample.interestSurvey(), person.subject());
            }
        });
    }

    /** Each person goes through two of the seven relationship flows, at random times; NPS answers are surveys. */
    private static Simulation.Builder relationship(Simulation.Builder b) {
        b.population(Population.builder().subjects(Population.appointments(25, "Loja Centro"))
                .attribute("lifetime_value", "1500", "4000", "8000", "12000", "30000").build());
        b.survey(RelationshipExample.NPS_SURVEY, "nps", SurveyAnswered.Survey.NPS)
                .survey(RelationshipExample.NPS_SURVEY, "nps-reminder", SurveyAnswered.Survey.NPS)
                .survey(RelationshipExample.AFTER_INBOUND, "check-resolved", SurveyAnswered.Survey.FCR);
        return b.scenario((person, cadences, plan, random) -> {
            int first = random.nextInt(7);
            int second = (first + 1 + random.nextInt(6)) % 7;
            for (int flow : new int[] {first, second}) {
                Instant at = someTime(plan, random, 25);
                String key = person.id() + "-" + flow;
                switch (flow) {
                    case 0 -> plan.enrol(plan.start(), RelationshipExample.appointmentReminder(), person.subject());
                    case 1 -> {
                        GenericSubject service = RelationshipExample.service("svc-" + key);
                        plan.enrol(at, RelationshipExample.npsSurvey(), service);
                        plan.event(new CustomEvent(plan.nextEventId(), at.plus(Duration.ofHours(1)), person.id(), service.key(),
                                RelationshipExample.SERVICE_COMPLETED, null));
                    }
                    case 2 -> {
                        GenericSubject subject = RelationshipExample.relationshipSubject(person.id());
                        plan.enrol(at, RelationshipExample.afterInbound(), subject);
                        plan.event(new InboundContact(plan.nextEventId(), at.plus(Duration.ofMinutes(5)), person.id(),
                                subject.key(), Channel.AGENT));
                    }
                    case 3 -> {
                        GenericSubject order = new GenericSubject("order-" + key, "order", null, null, java.util.Map.of());
                        plan.enrol(at, RelationshipExample.thankYou(), order);
                        plan.event(new Conversion(plan.nextEventId(), at.plus(Duration.ofMinutes(5)), person.id(), order.key(),
                                "purchase", null));
                    }
                    case 4 -> plan.enrol(plan.start(), RelationshipExample.commemorativeDate(), RelationshipExample.occasion(
                            "date-" + key, random.nextBoolean() ? "birthday" : "customer-day", day(plan, random, 25)));
                    case 5 -> plan.enrol(at, RelationshipExample.registrationConfirmation(),
                            RelationshipExample.registration("reg-" + key));
                    default -> plan.enrol(at, RelationshipExample.accountChange(), RelationshipExample.change("chg-" + key,
                            random.nextBoolean() ? "plan-change" : "payment-date-change", day(plan, random, 25)));
                }
            }
        });
    }

    /** Customers who call in: 35% change their billing address, 25% ask for a tow truck; offers follow up by two-way SMS. */
    private static Simulation.Builder offers(Simulation.Builder b) {
        Population.Builder people = Population.builder()
                .attribute("handset_age_months", "6", "14", "26", "38")
                .attribute("rental_coverage", "yes", "no", "no")
                .attribute("roadside", "basic", "premium", "none")
                .attribute("home_internet", "fiber", "dsl", "none")
                .attribute("plan", "basic", "basic", "premium");
        for (Channel channel : MARKETING_CHANNELS) {
            people.consent(channel, Purpose.MARKETING, 0.7);
        }
        return b.population(people.build()).scenario((person, cadences, plan, random) -> {
            double draw = random.nextDouble();
            Instant at = someTime(plan, random, 25);
            CustomEvent inbound;
            if (draw < 0.35) {
                inbound = OffersExample.addressChanged(plan.nextEventId(), at, person.id(), random.nextBoolean());
            } else if (draw < 0.60) {
                inbound = OffersExample.towRequested(plan.nextEventId(), at, person.id());
            } else {
                return;
            }
            plan.inbound(inbound, OffersExample.realtimeOffer(), offer -> OffersExample.offerSubject(inbound, offer));
        });
    }

    /** A daytime instant in the first {@code days} days: 08:00–19:59 in São Paulo. */
    private static Instant someTime(Scenario.Plan plan, SplittableRandom random, int days) {
        return plan.start().plus(Duration.ofDays(random.nextInt(days))).minus(Duration.ofHours(1))
                .plus(Duration.ofMinutes(random.nextInt(12 * 60)));
    }

    private static LocalDate day(Scenario.Plan plan, SplittableRandom random, int days) {
        return plan.start().atZone(java.time.ZoneId.of("America/Sao_Paulo")).toLocalDate().plusDays(1 + random.nextInt(days));
    }
}
