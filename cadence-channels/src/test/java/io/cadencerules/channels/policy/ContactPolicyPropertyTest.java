package io.cadencerules.channels.policy;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceBuilder;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.address.BrazilNumbering;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.channels.address.DddEntry;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Event;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.policy.HolidayCalendar;
import io.cadencerules.policy.Locality;
import io.cadencerules.policy.SuppressionList;
import io.cadencerules.policy.SuppressionLists;
import io.cadencerules.testkit.CadenceHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show 1 of the contact-policy issue: random people (zones across Brazil and the US, DDDs,
 * address states, consents, listed numbers), random cadences of every purpose and channel and
 * random events (stop replies, opt-outs, cease requests, conversations) over 60 virtual days
 * through the real engine with the shipped packs; an auditor that does not use the policy's code
 * replays every recorded dispatch and finds no contact outside a window, over a cap, after an
 * opt-out, cease or conversation, to a listed number or without a needed consent; and, with random
 * budget caps (per account, percentage of the value, per cadence and day, global per day) and
 * exhaustion modes, no spend over any cap.
 */
class ContactPolicyPropertyTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final LocalDate DUE = LocalDate.of(2026, 3, 5);
    private static final List<DddEntry> DDDS = BrazilNumbering.standard().ddds();
    private static final List<String> UFS = BrazilNumbering.standard().states().stream().map(s -> s.uf()).toList();
    private static final List<String> US_STATES = List.of("NY", "CA", "TX", "FL", "IL", "AZ", "IN", "HI", "AK", "KY");
    private static final Map<String, List<ZoneId>> US_ZONES = Map.of(
            "NY", List.of(ZoneId.of("America/New_York")), "CA", List.of(ZoneId.of("America/Los_Angeles")),
            "TX", List.of(ZoneId.of("America/Chicago"), ZoneId.of("America/Denver")),
            "FL", List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago")),
            "IL", List.of(ZoneId.of("America/Chicago")), "AZ", List.of(ZoneId.of("America/Phoenix"), ZoneId.of("America/Denver")),
            "IN", List.of(ZoneId.of("America/Indiana/Indianapolis"), ZoneId.of("America/Chicago")),
            "HI", List.of(ZoneId.of("Pacific/Honolulu")), "AK", List.of(ZoneId.of("America/Anchorage"), ZoneId.of("America/Adak")),
            "KY", List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago")));
    private static final Channel[] CHANNELS = {Channel.SMS, Channel.TWO_WAY_SMS, Channel.EMAIL, Channel.WHATSAPP,
            Channel.VOICE_BLAST, Channel.OUTBOUND_IVR, Channel.AGENT};
    private static final HolidayCalendar HOLIDAYS = HolidayCalendar.standard();

    record Person(Customer customer, boolean us, boolean nmpListed, boolean internalListed) {
    }

    record PlannedStep(int day, int hour, int minute, Channel channel) {
    }

    record Plan(String kind, List<PlannedStep> steps) {
    }

    record Happening(int day, int hour, String what, Channel channel) {
    }

    /** Budget caps in cents (0 = no such cap) and what to do when one is reached. */
    record Caps(int accountCents, int percentOfValue, int cadenceDayCents, int globalDayCents, Budget.Exhaustion mode) {
    }

    record Scenario(List<Person> people, List<Plan> plans, List<Happening> happenings, Caps caps) {
    }

    @Property(tries = 500, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void no_contact_ever_breaks_the_policy(@ForAll("scenarios") Scenario scenario) {
        SuppressionLists.Builder nmpList = SuppressionLists.inMemory("nao-me-perturbe").purposes(Purpose.MARKETING)
                .channels(Channel.SMS, Channel.TWO_WAY_SMS, Channel.VOICE_BLAST, Channel.OUTBOUND_IVR, Channel.AGENT)
                .refreshedAt(START).maxAge(Duration.ofDays(90));
        SuppressionLists.Builder internal = SuppressionLists.inMemory("internal").refreshedAt(START).maxAge(Duration.ofDays(90));
        for (Person p : scenario.people()) {
            String phone = p.customer().contactPoints().get(0).value();
            if (p.nmpListed()) {
                nmpList.add(phone, START.minus(Duration.ofDays(40)));
            }
            if (p.internalListed()) {
                internal.add(phone, START.minus(Duration.ofDays(40)));
            }
        }
        BrazilZoneResolver places = BrazilZoneResolver.standard();
        ContactPolicy policy = ContactPolicy.builder().localities(places).suppression(nmpList.build())
                .suppression(internal.build()).build();
        List<Cadence> cadences = new ArrayList<>();
        for (int i = 0; i < scenario.plans().size(); i++) {
            cadences.add(cadence("c" + i, scenario.plans().get(i)));
        }
        Caps caps = scenario.caps();
        Budget.Builder bb = Budget.builder().onExhaustion(caps.mode());
        if (caps.accountCents() > 0) {
            bb.perAccount(cents(caps.accountCents()));
        }
        if (caps.percentOfValue() > 0) {
            bb.perAccountPercentOfValue(BigDecimal.valueOf(caps.percentOfValue()));
        }
        if (caps.globalDayCents() > 0) {
            bb.globalPerDay(cents(caps.globalDayCents()));
        }
        if (caps.cadenceDayCents() > 0) {
            for (Cadence c : cadences) {
                bb.perCadencePerDay(c.id(), cents(caps.cadenceDayCents()));
            }
        }
        Budget budget = bb.build();
        CadenceHarness h = CadenceHarness.startingAt(START).configure(b -> b.zones(places).policy(policy)
                .eligibility(budget.channelChoice()).budget(budget.caps())).build();

        Map<String, Purpose> purposeOf = new HashMap<>();
        for (Cadence c : cadences) {
            purposeOf.put(c.id(), c.purpose());
        }
        for (Person p : scenario.people()) {
            for (Cadence c : cadences) {
                h.enroll(p.customer(), subject(c), c);
            }
        }
        Audit audit = new Audit(scenario.people(), places);
        List<Happening> happenings = new ArrayList<>(scenario.happenings());
        happenings.sort(Comparator.comparingInt(Happening::day).thenComparingInt(Happening::hour));
        int n = 0;
        for (Happening happening : happenings) {
            Instant at = START.plus(Duration.ofDays(happening.day())).plus(Duration.ofHours(happening.hour())).plusSeconds(17 * 60);
            if (at.isAfter(h.now())) {
                h.advanceTo(at);
            }
            for (Person p : scenario.people()) {
                Event event = event(happening, p.customer().id(), h.now(), "e" + n++);
                h.deliver(event);
                audit.happened(p.customer().id(), happening, h.now());
            }
        }
        h.advanceTo(START.plus(Duration.ofDays(60)));

        List<ContactRequest> sent = h.sent();
        for (ContactRequest r : sent) {
            audit.check(r, purposeOf.get(r.journeyId().cadenceId()));
        }
        audit.checkCaps(sent, purposeOf);
        checkSpend(h, scenario, cadences);
        Statistics.label("contacts sent").collect(sent.isEmpty() ? "none" : sent.size() < 10 ? "1-9" : "10+");
        Statistics.label("US people").collect(scenario.people().stream().anyMatch(Person::us));
    }

    /** Zero spend over any cap: sums the SENT entries' costs from the journeys' own histories. */
    private static void checkSpend(CadenceHarness h, Scenario scenario, List<Cadence> cadences) {
        Caps caps = scenario.caps();
        Map<String, BigDecimal> byCadenceDay = new HashMap<>();
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        for (Person p : scenario.people()) {
            Map<String, BigDecimal> byAccount = new HashMap<>();
            Map<String, BigDecimal> valueOf = new HashMap<>();
            for (Cadence c : cadences) {
                Subject subject = subject(c);
                valueOf.put(subject.key(), subject.value().orElseThrow().amount());
                for (HistoryEntry e : h.journey(p.customer(), subject, c).history()) {
                    if (e.kind() != HistoryEntry.Kind.SENT || e.cost() == null) {
                        continue;
                    }
                    BigDecimal cost = e.cost().amount();
                    LocalDate day = e.at().atZone(ZoneId.of("America/Sao_Paulo")).toLocalDate();
                    byAccount.merge(subject.key(), cost, BigDecimal::add);
                    byCadenceDay.merge(c.id() + "/" + day, cost, BigDecimal::add);
                    byDay.merge(day, cost, BigDecimal::add);
                }
            }
            byAccount.forEach((account, spent) -> {
                if (caps.accountCents() > 0) {
                    assertThat(spent).as("spend of %s/%s", p.customer().id(), account).isLessThanOrEqualTo(money(caps.accountCents()));
                }
                if (caps.percentOfValue() > 0) {
                    BigDecimal cap = valueOf.get(account).multiply(BigDecimal.valueOf(caps.percentOfValue())).movePointLeft(2);
                    assertThat(spent).as("spend of %s/%s against %s%% of its value", p.customer().id(), account,
                            caps.percentOfValue()).isLessThanOrEqualTo(cap);
                }
            });
        }
        if (caps.cadenceDayCents() > 0) {
            byCadenceDay.forEach((key, spent) -> assertThat(spent).as("spend of cadence/day %s", key)
                    .isLessThanOrEqualTo(money(caps.cadenceDayCents())));
        }
        if (caps.globalDayCents() > 0) {
            byDay.forEach((day, spent) -> assertThat(spent).as("spend on %s", day).isLessThanOrEqualTo(money(caps.globalDayCents())));
        }
        Statistics.label("spend capped").collect(caps.accountCents() > 0 || caps.percentOfValue() > 0
                || caps.cadenceDayCents() > 0 || caps.globalDayCents() > 0);
    }

    private static Money cents(int cents) {
        return Money.brl(money(cents).toPlainString());
    }

    private static BigDecimal money(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static Subject subject(Cadence c) {
        return switch (c.purpose()) {
            case COLLECTION -> Debt.of("inv-1", Money.brl("500.00"), DUE);
            default -> new Lead("lead-" + c.id(), Money.brl("120.00"), "plan");
        };
    }

    private static Cadence cadence(String id, Plan plan) {
        CadenceBuilder b = switch (plan.kind()) {
            case "collection" -> Cadence.collection(id);
            case "sales" -> Cadence.sales(id);
            default -> Cadence.relationship(id);
        };
        b.horizon(60);
        int i = 0;
        for (PlannedStep s : plan.steps()) {
            b.step("s" + i++).at(days(s.day()), LocalTime.of(s.hour(), s.minute()));
            switch (s.channel()) {
                case SMS -> b.sms("t");
                case TWO_WAY_SMS -> b.twoWaySms("t");
                case EMAIL -> b.email("t");
                case WHATSAPP -> b.whatsapp("t");
                case VOICE_BLAST -> b.voiceBlast("t");
                case OUTBOUND_IVR -> b.outboundIvr("t");
                default -> b.agentCall("queue");
            }
        }
        return b.build();
    }

    private static Event event(Happening happening, String customerId, Instant at, String id) {
        return switch (happening.what()) {
            case "stop-reply" -> new ReplyReceived(id, at, customerId, null, happening.channel(), happening.channel() == Channel.WHATSAPP ? "SAIR" : "Parar!");
            case "us-stop-reply" -> new ReplyReceived(id, at, customerId, null, happening.channel(), "stop");
            case "opt-out" -> new OptOut(id, at, customerId, null, happening.channel());
            case "cease" -> new AccountNotice(id, at, customerId, "inv-1", AccountNotice.Kind.CEASE, "");
            default -> new CallOutcome(id, at, customerId, "inv-1", Channel.AGENT, CallOutcome.Result.ANSWERED, null);
        };
    }

    // ------------------------------------------------------------------ the auditor

    /** Checks dispatches against the rules as written in the shipped packs, without the policy's code. */
    private static final class Audit {
        final Map<String, Person> people = new HashMap<>();
        final Map<String, List<Happening>> happenings = new HashMap<>();
        final Map<String, List<Instant>> happenedAt = new HashMap<>();
        final BrazilZoneResolver places;

        Audit(List<Person> people, BrazilZoneResolver places) {
            for (Person p : people) {
                this.people.put(p.customer().id(), p);
            }
            this.places = places;
        }

        void happened(String customerId, Happening happening, Instant at) {
            happenings.computeIfAbsent(customerId, k -> new ArrayList<>()).add(happening);
            happenedAt.computeIfAbsent(customerId, k -> new ArrayList<>()).add(at);
        }

        void check(ContactRequest r, Purpose purpose) {
            Person person = people.get(r.customer().id());
            Channel ch = r.channel();
            String what = r.idempotencyKey() + " at " + r.requestedAt() + " (" + purpose + " " + ch + ")";
            // windows, in every place the person may be
            for (Locality place : places.localities(r.customer())) {
                assertThat(allowed(place, purpose, ch, r.requestedAt())).as("%s is inside the window in %s", what, place).isTrue();
            }
            // listed numbers
            boolean phone = ch != Channel.EMAIL;
            if (phone && person.internalListed()) {
                assertThat(ch).as("%s goes to an internally listed number", what).isEqualTo(Channel.EMAIL);
            }
            if (phone && person.nmpListed() && purpose == Purpose.MARKETING) {
                assertThat(ch).as("%s is an offer to a Não Me Perturbe number", what).isIn(Channel.WHATSAPP);
            }
            // consent
            boolean br = !person.us();
            boolean needsConsent = br ? purpose == Purpose.MARKETING || ch == Channel.WHATSAPP
                    : purpose == Purpose.MARKETING && ch != Channel.EMAIL;
            if (needsConsent) {
                assertThat(granted(person.customer(), ch, purpose)).as("%s has a consent", what).isTrue();
            }
            // events before the dispatch
            List<Happening> hs = happenings.getOrDefault(r.customer().id(), List.of());
            List<Instant> ats = happenedAt.getOrDefault(r.customer().id(), List.of());
            for (int i = 0; i < hs.size(); i++) {
                Happening hp = hs.get(i);
                Instant at = ats.get(i);
                if (!at.isBefore(r.requestedAt())) {
                    continue;
                }
                switch (hp.what()) {
                    case "stop-reply" -> {
                        if (br) {
                            assertThat(sameMedium(hp.channel(), ch)).as("%s after a stop reply on %s at %s", what, hp.channel(), at).isFalse();
                        }
                    }
                    case "us-stop-reply" -> assertThat(sameMedium(hp.channel(), ch))
                            .as("%s after STOP on %s at %s", what, hp.channel(), at).isFalse();
                    case "opt-out" -> assertThat(hp.channel() == null || sameMedium(hp.channel(), ch))
                            .as("%s after an opt-out of %s at %s", what, hp.channel(), at).isFalse();
                    case "cease" -> assertThat(purpose).as("%s after a cease request at %s", what, at).isNotEqualTo(Purpose.COLLECTION);
                    default -> {
                        if (!br && purpose == Purpose.COLLECTION && ch.isCall()) {
                            for (Locality place : places.localities(r.customer())) {
                                Instant quietEnd = at.atZone(place.zone()).toLocalDate().plusDays(7).atStartOfDay(place.zone()).toInstant();
                                assertThat(r.requestedAt()).as("%s within 7 days after a conversation at %s", what, at)
                                        .isAfterOrEqualTo(quietEnd);
                            }
                        }
                    }
                }
            }
        }

        void checkCaps(List<ContactRequest> sent, Map<String, Purpose> purposeOf) {
            Map<String, List<ContactRequest>> byPerson = new HashMap<>();
            for (ContactRequest r : sent) {
                byPerson.computeIfAbsent(r.customer().id(), k -> new ArrayList<>()).add(r);
            }
            for (var e : byPerson.entrySet()) {
                List<ContactRequest> rs = e.getValue().stream().sorted(Comparator.comparing(ContactRequest::requestedAt)).toList();
                boolean us = people.get(e.getKey()).us();
                List<Instant> sms = rs.stream().filter(r -> r.channel() == Channel.SMS || r.channel() == Channel.TWO_WAY_SMS)
                        .map(ContactRequest::requestedAt).toList();
                assertMaxInWindow(sms, 1, Duration.ofDays(1), "SMS of " + e.getKey());
                List<Instant> calls = rs.stream().filter(r -> r.channel().isCall()).map(ContactRequest::requestedAt).toList();
                if (us) {
                    List<Instant> collectionCalls = rs.stream().filter(r -> r.channel().isCall()
                            && purposeOf.get(r.journeyId().cadenceId()) == Purpose.COLLECTION).map(ContactRequest::requestedAt).toList();
                    assertMaxInWindow(collectionCalls, 7, Duration.ofDays(7), "collection calls of " + e.getKey());
                } else {
                    assertMaxInWindow(calls, 3, Duration.ofDays(1), "calls of " + e.getKey());
                    assertMaxInWindow(calls, 1, Duration.ofMinutes(5), "calls of " + e.getKey());
                }
            }
        }

        private static void assertMaxInWindow(List<Instant> times, int max, Duration window, String what) {
            for (int i = max; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - max), times.get(i))).as("%s: %s", what, times)
                        .isGreaterThanOrEqualTo(window);
            }
        }

        /** The shipped packs' windows: br-default 08-20 weekdays, 08-14 Saturday, closed Sunday and holidays; us-regf 08-21. */
        private static boolean allowed(Locality place, Purpose purpose, Channel ch, Instant at) {
            ZonedDateTime local = at.atZone(place.zone());
            LocalTime t = local.toLocalTime();
            if (place.country().equals("US")) {
                boolean limited = purpose == Purpose.COLLECTION || purpose == Purpose.MARKETING && ch != Channel.EMAIL;
                return !limited || !t.isBefore(LocalTime.of(8, 0)) && t.isBefore(LocalTime.of(21, 0));
            }
            String region = HOLIDAYS.regions("BR").contains(place.region()) ? place.region() : "";
            if (HOLIDAYS.isHoliday(local.toLocalDate(), "BR", region) || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return false;
            }
            LocalTime end = local.getDayOfWeek() == DayOfWeek.SATURDAY ? LocalTime.of(14, 0) : LocalTime.of(20, 0);
            return !t.isBefore(LocalTime.of(8, 0)) && t.isBefore(end);
        }

        private static boolean granted(Customer c, Channel ch, Purpose purpose) {
            return c.consents().stream().anyMatch(k -> k.granted() && k.purpose() == purpose && sameMedium(k.channel(), ch));
        }

        private static boolean sameMedium(Channel a, Channel b) {
            return a == b || a.isCall() && b.isCall()
                    || Set.of(Channel.SMS, Channel.TWO_WAY_SMS).contains(a) && Set.of(Channel.SMS, Channel.TWO_WAY_SMS).contains(b);
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Person>> people = person().list().ofMinSize(1).ofMaxSize(3)
                .map(list -> {
                    List<Person> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Person p = list.get(i);
                        Customer c = p.customer();
                        Customer.Builder b = Customer.builder("p" + i).addressState(c.addressState());
                        c.zone().ifPresent(b::zone);
                        c.contactPoints().forEach(cp -> {
                            switch (cp.type()) {
                                case PHONE -> b.phone(cp.value());
                                case EMAIL -> b.email(cp.value());
                                default -> b.whatsapp(cp.value());
                            }
                        });
                        c.consents().forEach(b::consent);
                        out.add(new Person(b.build(), p.us(), p.nmpListed(), p.internalListed()));
                    }
                    return out;
                });
        Arbitrary<List<Plan>> plans = plan().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Happening>> happenings = happening().list().ofMaxSize(4);
        Arbitrary<Integer> cap = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(5, 3000));
        Arbitrary<Caps> caps = Combinators.combine(cap, Arbitraries.of(0, 0, 1, 2, 5), cap, cap,
                Arbitraries.of(Budget.Exhaustion.class)).as(Caps::new);
        return Combinators.combine(people, plans, happenings, caps).as(Scenario::new);
    }

    private Arbitrary<Person> person() {
        Arbitrary<Boolean> us = Arbitraries.integers().between(0, 3).map(i -> i == 0);
        return us.flatMap(isUs -> isUs ? usPerson() : brPerson());
    }

    private Arbitrary<Person> brPerson() {
        Arbitrary<DddEntry> ddd = Arbitraries.of(DDDS);
        Arbitrary<String> uf = Arbitraries.of(UFS).injectNull(0.4);
        Arbitrary<Integer> number = Arbitraries.integers().between(10_000_000, 99_999_999);
        Arbitrary<Boolean> explicitZone = Arbitraries.integers().between(0, 4).map(i -> i == 0);
        Arbitrary<List<Consent>> consents = consents();
        Arbitrary<int[]> flags = Arbitraries.integers().between(0, 7).map(i -> new int[]{i & 1, (i >> 1) & 1, (i >> 2) & 1});
        return Combinators.combine(ddd, uf, number, explicitZone, consents, flags).as((d, state, num, explicit, cs, f) -> {
            String phone = "+55" + d.ddd() + "9" + num;
            Customer.Builder b = Customer.builder("x").phone(phone).email("x" + num + "@example.com").whatsapp(phone);
            if (state != null) {
                b.addressState(state);
            }
            if (explicit) {
                b.zone(d.zones().get(0));
            }
            cs.forEach(b::consent);
            return new Person(b.build(), false, f[0] == 1 && f[1] == 1, f[2] == 1 && f[1] == 1);
        });
    }

    private Arbitrary<Person> usPerson() {
        Arbitrary<String> state = Arbitraries.of(US_STATES);
        Arbitrary<Integer> number = Arbitraries.integers().between(1000, 9999);
        Arbitrary<Boolean> explicitZone = Arbitraries.integers().between(0, 2).map(i -> i == 0);
        return Combinators.combine(state, number, explicitZone, consents()).as((st, num, explicit, cs) -> {
            String phone = "+1202555" + num;
            Customer.Builder b = Customer.builder("x").phone(phone).email("u" + num + "@example.com").addressState("US-" + st);
            if (explicit) {
                b.zone(US_ZONES.get(st).get(0));
            }
            cs.forEach(b::consent);
            return new Person(b.build(), true, false, false);
        });
    }

    private Arbitrary<List<Consent>> consents() {
        Arbitrary<Consent> consent = Combinators.combine(Arbitraries.of(CHANNELS), Arbitraries.of(Purpose.class),
                Arbitraries.of(true, false)).as((ch, p, g) -> new Consent(ch, p, g, START.minus(Duration.ofDays(10))));
        return consent.list().ofMaxSize(4);
    }

    private Arbitrary<Plan> plan() {
        Arbitrary<PlannedStep> step = Combinators.combine(Arbitraries.integers().between(1, 50), Arbitraries.integers().between(0, 23),
                Arbitraries.of(0, 30), Arbitraries.of(CHANNELS)).as(PlannedStep::new);
        return Combinators.combine(Arbitraries.of("collection", "sales", "relationship"), step.list().ofMinSize(1).ofMaxSize(8))
                .as((kind, steps) -> {
                    Map<Integer, PlannedStep> byTime = new java.util.TreeMap<>();
                    steps.forEach(s -> byTime.putIfAbsent((s.day() * 24 + s.hour()) * 60 + s.minute(), s));
                    return new Plan(kind, List.copyOf(byTime.values()));
                });
    }

    private Arbitrary<Happening> happening() {
        return Combinators.combine(Arbitraries.integers().between(0, 55), Arbitraries.integers().between(0, 23),
                Arbitraries.of("stop-reply", "us-stop-reply", "opt-out", "cease", "conversation"),
                Arbitraries.of(Channel.SMS, Channel.TWO_WAY_SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE_BLAST))
                .as((d, hr, what, ch) -> new Happening(d, hr, what, what.equals("opt-out") || what.endsWith("stop-reply") ? ch : null));
    }
}
