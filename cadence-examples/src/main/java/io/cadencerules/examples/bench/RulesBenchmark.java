package io.cadencerules.examples.bench;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.rules.ChannelChoice;
import io.cadencerules.rules.Conclusion;
import io.cadencerules.rules.ConditionHolds;
import io.cadencerules.rules.CustomerFact;
import io.cadencerules.rules.DueStep;
import io.cadencerules.rules.HandOff;
import io.cadencerules.rules.JourneyFact;
import io.cadencerules.rules.NowFact;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.RulesStage;
import io.cadencerules.rules.Skip;
import io.cadencerules.rules.StopJourney;
import io.cadencerules.rules.SubjectFact;
import io.cadencerules.rules.Suppress;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.rule;

/**
 * Decisions per second of the rule pipeline ({@link RulesStage#decideAll} on engine-sized batches)
 * over a 20-rule eligibility book ({@code bench-eligibility.drl}), side by side in one JVM with
 * (a) the same logic written by hand in Java and (b) one Drools session per candidate
 * ({@link RulesStage#decide}, what an {@code evaluate(customer)} API does).
 *
 * <p>Candidates ({@link StepContext}s of a ten-step collection cadence, synthetic customers, debts
 * and journey histories from a seeded {@link SplittableRandom}, a fixed virtual "now" per candidate)
 * are built once before anything is timed. Every variant's verdicts are reduced to a tally (proceed,
 * proceed with an override per channel/template, block / skip / stop per reason); every variant
 * must give the pipeline's verdict for every candidate, or the run fails.
 *
 * <p>Fairness of (a): the pipeline builds a {@link DueStep} fact (customer, subject, journey summary,
 * local now) per candidate; the Java stage builds the same fact and runs if/else over it in the
 * rules' salience order, so both pay for the fact construction. The "facts only" row shows that cost.
 *
 * <p>Experiments (not part of the three figures): the pipeline with the executable model and with
 * batches of 5,000; and the same DRL driven through Drools directly, with conclusions grouped per
 * fact in an identity map instead of {@code Evaluation.about}'s scan of the batch's conclusions:
 * a stateful session per batch (with and without the fired-rules agenda listener), and one
 * {@link StatelessKieSession} reused for every batch.
 *
 * <pre>
 *   mvn -B -q install -DskipTests
 *   mvn -B -q -pl cadence-examples dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -Xmx2g -cp cadence-examples/target/classes:$(cat cadence-examples/target/cp.txt) \
 *       io.cadencerules.examples.bench.RulesBenchmark
 * </pre>
 * Options: {@code --candidates N} (1,000,000), {@code --subset N} candidates for variant (b)
 * (200,000), {@code --warmup N} (2), {@code --iterations N} (5), {@code --seed S} (42),
 * {@code --no-experiments}.
 */
public final class RulesBenchmark {

    /** The DRL book, on the classpath. */
    public static final String DRL = "io/cadencerules/examples/rules/bench-eligibility.drl";
    /** Monday 2 March 2026, 00:00 UTC; candidates' "now" falls in the two weeks after it. */
    static final Instant BASE = LocalDate.of(2026, 3, 2).atStartOfDay(ZoneOffset.UTC).toInstant();

    private RulesBenchmark() {
    }

    // ---------------------------------------------------------------------------------------------
    // Workload
    // ---------------------------------------------------------------------------------------------

    /** A ten-step collection régua; three steps carry a rule condition. */
    static Cadence cadence() {
        return Cadence.collection("bench-collection")
                .step("d-5-email").at(days(-5)).email("prevention-reminder")
                .step("d-1-sms").at(days(-1)).sms("due-tomorrow")
                .step("d+1-sms").at(days(1)).sms("overdue-notice")
                .step("d+3-voice").at(days(3)).voiceBlast("late-notice")
                .step("d+5-ivr").at(days(5)).outboundIvr("negotiate")
                .step("d+7-whatsapp").at(days(7)).whatsapp("negotiation-offer").when(rule("answered-before"))
                .step("d+10-agent").at(days(10)).agentCall("collections").when(rule("balance-over-1000"))
                .step("d+15-voice").at(days(15)).voiceBlast("second-notice")
                .step("d+30-sms").at(days(30)).sms("credit-bureau-warning")
                .step("d+45-agent").at(days(45)).agentCall("recovery").when(rule("dpd-over-30"))
                .build();
    }

    private record Region(String ddd, String state, ZoneId zone, int weight) {
    }

    private static final List<Region> REGIONS = List.of(
            new Region("11", "SP", ZoneId.of("America/Sao_Paulo"), 22),
            new Region("21", "RJ", ZoneId.of("America/Sao_Paulo"), 8),
            new Region("31", "MG", ZoneId.of("America/Sao_Paulo"), 10),
            new Region("41", "PR", ZoneId.of("America/Sao_Paulo"), 6),
            new Region("51", "RS", ZoneId.of("America/Sao_Paulo"), 5),
            new Region("71", "BA", ZoneId.of("America/Bahia"), 7),
            new Region("81", "PE", ZoneId.of("America/Recife"), 5),
            new Region("85", "CE", ZoneId.of("America/Fortaleza"), 5),
            new Region("91", "PA", ZoneId.of("America/Belem"), 4),
            new Region("92", "AM", ZoneId.of("America/Manaus"), 4),
            new Region("95", "RR", ZoneId.of("America/Boa_Vista"), 1),
            new Region("65", "MT", ZoneId.of("America/Cuiaba"), 3),
            new Region("69", "RO", ZoneId.of("America/Porto_Velho"), 2),
            new Region("68", "AC", ZoneId.of("America/Rio_Branco"), 2));
    private static final int REGION_WEIGHT = REGIONS.stream().mapToInt(Region::weight).sum();
    private static final String[] OUTCOMES = {"key-pressed", "message-read", "reply-received", "message-delivered",
        "link-clicked", "dispute-opened"};

    /** {@code n} due-step candidates; the same seed gives the same candidates. */
    static StepContext[] candidates(int n, long seed) {
        Cadence cadence = cadence();
        List<Step> steps = cadence.steps();
        SplittableRandom random = new SplittableRandom(seed);
        StepContext[] out = new StepContext[n];
        for (int i = 0; i < n; i++) {
            Region region = region(random.nextInt(REGION_WEIGHT));
            String id = "c-" + i;
            boolean hasPhone = random.nextInt(100) < 95;
            boolean hasEmail = !hasPhone || random.nextInt(100) < 85;
            long cents = switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> random.nextLong(2_000, 30_000);
                case 8, 9, 10, 11, 12, 13, 14 -> random.nextLong(30_000, 200_000);
                case 15, 16, 17, 18 -> random.nextLong(200_000, 800_000);
                default -> random.nextLong(800_000, 5_000_000);
            };
            Set<String> segments = new LinkedHashSet<>();
            if (cents >= 200_000) {
                segments.add("high-balance");
            }
            if (random.nextInt(100) < 25) {
                segments.add("payroll");
            }
            if (random.nextInt(100) < 10) {
                segments.add("premium");
            }
            if (random.nextInt(100) < 3) {
                segments.add("judicial");
            }
            Customer.Builder cb = Customer.builder(id).zone(region.zone()).addressState(region.state()).segments(
                    segments.toArray(String[]::new));
            if (hasPhone) {
                cb.phone("+55" + region.ddd() + "9" + (10_000_000 + random.nextInt(90_000_000)));
            }
            if (hasEmail) {
                cb.email(id + "@example.com.br");
            }
            Customer customer = cb.build();

            int stepIndex = random.nextInt(steps.size());
            Step step = steps.get(stepIndex);
            Instant now = BASE.plus(Duration.ofMinutes(random.nextLong(14 * 24 * 60)));
            LocalDate today = now.atZone(region.zone()).toLocalDate();
            int offset = ((io.cadencerules.cadence.Timing.Offset) step.timing()).days();
            int dpd = offset + (random.nextInt(100) < 20 ? random.nextInt(120) : random.nextInt(5));
            LocalDate due = today.minusDays(dpd);
            Debt debt = new Debt("inv-" + i, new Money(BigDecimal.valueOf(cents, 2), Money.BRL), due, "card");
            Instant anchor = due.atStartOfDay(region.zone()).toInstant();

            int contacts = random.nextInt(100) < 10 ? 6 + random.nextInt(7) : random.nextInt(stepIndex + 2);
            List<HistoryEntry> history = new ArrayList<>(contacts + 2);
            history.add(new HistoryEntry(anchor.minus(Duration.ofDays(6)), HistoryEntry.Kind.ENROLLED, null, null, 0,
                    "enrolled", null, null));
            long spanMinutes = Math.max(60, Duration.between(anchor.minus(Duration.ofDays(5)), now).toMinutes());
            for (int k = 0; k < contacts; k++) {
                Step sent = steps.get(random.nextInt(steps.size()));
                Instant at = now.minus(Duration.ofMinutes(1 + random.nextLong(Math.min(spanMinutes, 30L * 24 * 60))));
                history.add(new HistoryEntry(at, HistoryEntry.Kind.SENT, sent.id(), sent.channel(), 1, "accepted", null,
                        null));
            }
            if (random.nextInt(100) < 40) {
                String outcome = random.nextInt(100) < 4 ? "dispute-opened"
                        : OUTCOMES[random.nextInt(OUTCOMES.length - 1)];
                history.add(new HistoryEntry(now.minus(Duration.ofHours(1 + random.nextInt(48))), HistoryEntry.Kind.EVENT,
                        null, null, 0, outcome, null, null));
            }
            Journey journey = new Journey(new JourneyId(id, debt.key(), cadence.id(), 1), cadence.version(), debt,
                    region.zone(), JourneyStatus.ACTIVE, "step-due", anchor.minus(Duration.ofDays(6)), anchor, 0, stepIndex,
                    stepIndex, 1, 0, null, now, null, customer.segments(), history, null, 1);
            Optional<ContactPoint> address = customer.first(step.channel().addressType());
            out[i] = new StepContext(journey, cadence, step, step.action(), address, customer, 1, false, now);
        }
        return out;
    }

    private static Region region(int draw) {
        int left = draw;
        for (Region r : REGIONS) {
            left -= r.weight();
            if (left < 0) {
                return r;
            }
        }
        throw new IllegalArgumentException("region draw " + draw);
    }

    // ---------------------------------------------------------------------------------------------
    // (a) the book written by hand
    // ---------------------------------------------------------------------------------------------

    /**
     * bench-eligibility.drl as if/else over the same {@link DueStep} fact the pipeline builds, in the
     * rules' salience order; the verdict mapping is RulesStage's (stop, suppress, skip, highest-ranked
     * channel choice).
     */
    static final class JavaEligibility implements DecisionStage {
        private static final BigDecimal B100 = BigDecimal.valueOf(100);
        private static final BigDecimal B300 = BigDecimal.valueOf(300);
        private static final BigDecimal B1000 = BigDecimal.valueOf(1000);
        private static final BigDecimal B5000 = BigDecimal.valueOf(5000);
        private static final Set<String> NORTH = Set.of("92", "97", "95", "68", "69", "91", "93", "94", "96");
        private static final Set<String> ANSWERED = Set.of("key-pressed", "message-read", "reply-received");

        /** Named conditions that held (the rule book's ConditionHolds); kept so the work is not dead code. */
        long conditionsHeld;

        @Override
        public Verdict decide(StepContext candidate) {
            return decide(new DueStep(candidate));
        }

        Verdict decide(DueStep s) {
            CustomerFact customer = s.getCustomer();
            SubjectFact subject = s.getSubject();
            JourneyFact journey = s.getJourney();
            NowFact now = s.getNow();
            Channel channel = s.getChannel();
            BigDecimal amount = subject.getAmount();
            long dpd = subject.getDaysPastDue();
            Set<String> segments = customer.getSegments();

            switch (s.getCondition()) {
                case "balance-over-1000" -> conditionsHeld += amount.compareTo(B1000) > 0 ? 1 : 0;
                case "dpd-over-30" -> conditionsHeld += dpd > 30 ? 1 : 0;
                case "answered-before" -> conditionsHeld += ANSWERED.contains(journey.getLastOutcome()) ? 1 : 0;
                default -> {
                }
            }
            // stops
            if (journey.getContacts() >= 10) {
                return stop("contact-limit", "Stop after ten contacts");
            }
            if (journey.getLastOutcome().equals("dispute-opened")) {
                return stop("disputed", "Stop a disputed debt");
            }
            if (channel == Channel.AGENT && journey.contactsVia("AGENT") >= 3) {
                return stop("agent-calls-exhausted", "Stop after three agent calls");
            }
            // suppressions
            boolean call = channel == Channel.VOICE_BLAST || channel == Channel.OUTBOUND_IVR || channel == Channel.AGENT;
            if (channel == Channel.VOICE_BLAST && now.isWeekend() && segments.contains("payroll")) {
                return Verdict.block("no-voice-on-weekends", "rule 'No voice blasts on weekends for the payroll segment'");
            }
            if (call && (now.getHour() < 9 || now.getHour() >= 20)) {
                return Verdict.block("call-outside-hours", "rule 'No calls outside 09:00-20:00 local time'");
            }
            if ((channel == Channel.SMS || channel == Channel.TWO_WAY_SMS) && now.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return Verdict.block("no-sms-on-sunday", "rule 'No SMS on Sundays'");
            }
            if (journey.getContactsLast7Days() >= 4) {
                return Verdict.block("weekly-cap", "rule 'Weekly contact cap'");
            }
            if (channel == Channel.AGENT && amount.compareTo(B300) < 0) {
                return Verdict.block("balance-too-small-for-agent", "rule 'No agent calls for small balances'");
            }
            if ((channel == Channel.VOICE_BLAST || channel == Channel.OUTBOUND_IVR) && segments.contains("judicial")) {
                return Verdict.block("judicial-no-robot", "rule 'No automated voice for the judicial segment'");
            }
            // skips
            if (dpd < 0 && amount.compareTo(B100) < 0) {
                return Verdict.skip("tiny-balance-prevention", "rule 'Skip prevention for tiny balances'");
            }
            if (channel == Channel.EMAIL && !customer.isHasEmail()) {
                return Verdict.skip("no-email-address", "rule 'Skip e-mail without an address'");
            }
            if (channel == Channel.EMAIL && dpd > 90) {
                return Verdict.skip("email-ineffective-after-90-dpd", "rule 'Skip e-mail after 90 days past due'");
            }
            // channel choices: the highest rank wins, the first (by salience) on a tie
            Channel choice = null;
            String template = "";
            int rank = Integer.MIN_VALUE;
            if (channel == Channel.SMS && !customer.isHasPhone() && customer.isHasEmail() && 9 > rank) {
                choice = Channel.EMAIL;
                template = "";
                rank = 9;
            }
            if (channel == Channel.SMS && customer.isHasPhone() && amount.compareTo(B5000) > 0 && 7 > rank) {
                choice = Channel.TWO_WAY_SMS;
                template = "";
                rank = 7;
            }
            if (channel == Channel.SMS && NORTH.contains(customer.getDdd()) && 5 > rank) {
                choice = Channel.WHATSAPP;
                template = "";
                rank = 5;
            }
            if (channel == Channel.EMAIL && segments.contains("premium") && customer.isHasPhone() && 3 > rank) {
                choice = Channel.WHATSAPP;
                template = "premium-reminder";
                rank = 3;
            }
            if (channel == Channel.VOICE_BLAST && segments.contains("high-balance") && dpd >= 15 && 8 > rank) {
                choice = Channel.AGENT;
                template = "collections-priority";
                rank = 8;
            }
            if (choice == null || (choice == channel && template.isEmpty())) {
                return Verdict.proceed();
            }
            ChannelAction current = s.context().action();
            return Verdict.proceedWith(new ChannelAction(choice, template.isEmpty() ? current.templateId() : template,
                    current.variables(),
                    choice == Channel.AGENT ? (current.queue().isEmpty() ? current.templateId() : current.queue()) : ""));
        }

        private static Verdict stop(String reason, String rule) {
            return new Verdict.Stop(JourneyStatus.EXITED, reason, "rule '" + rule + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Experiments: the same DRL through Drools directly
    // ---------------------------------------------------------------------------------------------

    /** A conclusion and the rule that inserted it. */
    private record Fired(Conclusion conclusion, String rule) {
    }

    /**
     * The same book driven through Drools APIs directly: DueStep facts per batch, conclusions
     * grouped per fact by an insert listener in an identity map, RulesStage's verdict mapping.
     * {@code stateless}: one StatelessKieSession for every batch; else a stateful session per
     * batch, optionally with an agenda listener recording fired rule names (as RuleBook does).
     */
    static final class DirectDrools implements DecisionStage {
        private final KieBase kieBase;
        private final boolean stateless;
        private final boolean firedListener;
        private final StatelessKieSession statelessSession;
        private Map<Object, List<Fired>> byFact = new IdentityHashMap<>();
        private final List<String> fired = new ArrayList<>();
        private final DefaultRuleRuntimeEventListener inserts = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof Conclusion c && event.getRule() != null) {
                    byFact.computeIfAbsent(c.about(), k -> new ArrayList<>(2)).add(new Fired(c, event.getRule().getName()));
                }
            }
        };
        private final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        };

        DirectDrools(KieBase kieBase, boolean stateless, boolean firedListener) {
            this.kieBase = kieBase;
            this.stateless = stateless;
            this.firedListener = firedListener;
            if (stateless) {
                statelessSession = kieBase.newStatelessKieSession();
                statelessSession.addEventListener(inserts);
                if (firedListener) {
                    statelessSession.addEventListener(agenda);
                }
            } else {
                statelessSession = null;
            }
        }

        @Override
        public Verdict decide(StepContext candidate) {
            return decideAll(List.of(candidate)).get(0);
        }

        @Override
        public List<Verdict> decideAll(List<StepContext> batch) {
            List<DueStep> facts = new ArrayList<>(batch.size());
            for (StepContext context : batch) {
                facts.add(new DueStep(context));
            }
            byFact = new IdentityHashMap<>(batch.size() * 2);
            fired.clear();
            if (stateless) {
                statelessSession.execute(facts);
            } else {
                KieSession session = kieBase.newKieSession();
                try {
                    session.addEventListener(inserts);
                    if (firedListener) {
                        session.addEventListener(agenda);
                    }
                    for (DueStep fact : facts) {
                        session.insert(fact);
                    }
                    session.fireAllRules();
                } finally {
                    session.dispose();
                }
            }
            List<Verdict> verdicts = new ArrayList<>(facts.size());
            for (DueStep fact : facts) {
                verdicts.add(verdict(fact, byFact.getOrDefault(fact, List.of())));
            }
            return verdicts;
        }

        /** RulesStage's mapping from conclusions to a verdict. */
        private static Verdict verdict(DueStep fact, List<Fired> conclusions) {
            Fired suppress = null;
            Fired skip = null;
            Fired choice = null;
            for (Fired f : conclusions) {
                Conclusion c = f.conclusion();
                if (c instanceof StopJourney stop) {
                    return new Verdict.Stop(JourneyStatus.EXITED, stop.getReason(), "rule '" + f.rule() + "'");
                } else if (c instanceof Suppress && suppress == null) {
                    suppress = f;
                } else if (c instanceof Skip && skip == null) {
                    skip = f;
                } else if (c instanceof ChannelChoice cc
                        && (choice == null || cc.getRank() > ((ChannelChoice) choice.conclusion()).getRank())) {
                    choice = f;
                } else if (c instanceof HandOff) {
                    throw new IllegalStateException("the bench book has no hand-offs");
                }
            }
            if (suppress != null) {
                return Verdict.block(((Suppress) suppress.conclusion()).getReason(), "rule '" + suppress.rule() + "'");
            }
            if (skip != null) {
                return Verdict.skip(((Skip) skip.conclusion()).getReason(), "rule '" + skip.rule() + "'");
            }
            ChannelAction current = fact.context().action();
            if (choice == null) {
                return Verdict.proceed();
            }
            ChannelChoice cc = (ChannelChoice) choice.conclusion();
            if (cc.getChannel() == current.channel() && cc.getTemplate().isEmpty()) {
                return Verdict.proceed();
            }
            return Verdict.proceedWith(new ChannelAction(cc.getChannel(),
                    cc.getTemplate().isEmpty() ? current.templateId() : cc.getTemplate(), current.variables(),
                    cc.getChannel() == Channel.AGENT ? (current.queue().isEmpty() ? current.templateId() : current.queue()) : ""));
        }
    }

    /** Compiles the DRL (classic) into a KieBase of its own, outside RuleBook. */
    static KieBase kieBase(String drl) {
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("io.cadencerules.examples", "rules-benchmark", "1.0.0");
        kfs.generateAndWritePomXML(id);
        kfs.write("src/main/resources/io/cadencerules/rules/bench-eligibility.drl", drl);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("bench DRL does not compile: " + errors);
        }
        return ks.newKieContainer(id).getKieBase();
    }

    static String drlText() {
        try (InputStream in = RulesBenchmark.class.getClassLoader().getResourceAsStream(DRL)) {
            if (in == null) {
                throw new IllegalStateException("no " + DRL + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuleBook ruleBook(RuleBook.Mode mode) {
        return RuleBook.builder("bench-eligibility").mode(mode).classpath(DRL).build();
    }

    // ---------------------------------------------------------------------------------------------
    // Running and checking
    // ---------------------------------------------------------------------------------------------

    /** Decides candidates [0, n) into {@code out}: {@code decideAll} per batch, or {@code decide} each when batch is 1. */
    static void run(DecisionStage stage, StepContext[] candidates, int n, int batch, Verdict[] out) {
        if (batch == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = stage.decide(candidates[i]);
            }
            return;
        }
        List<StepContext> all = Arrays.asList(candidates);
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            List<Verdict> verdicts = stage.decideAll(all.subList(from, to));
            if (verdicts.size() != to - from) {
                throw new IllegalStateException("stage returned " + verdicts.size() + " verdicts for " + (to - from));
            }
            for (int j = 0; j < verdicts.size(); j++) {
                out[from + j] = verdicts.get(j);
            }
        }
    }

    /** The tally key of a verdict: what it does, ignoring the rule named in the detail. */
    static String key(Verdict verdict) {
        if (verdict instanceof Verdict.Proceed p) {
            return p.override() == null ? "proceed" : "proceed via " + p.override().channel() + "/" + p.override().templateId()
                    + (p.override().queue().isEmpty() ? "" : "@" + p.override().queue());
        } else if (verdict instanceof Verdict.Block b) {
            return "block " + b.reason();
        } else if (verdict instanceof Verdict.Skip s) {
            return "skip " + s.reason();
        } else if (verdict instanceof Verdict.Stop s) {
            return "stop " + s.status() + " " + s.reason();
        } else if (verdict instanceof Verdict.Defer d) {
            return "defer " + d.reason();
        }
        throw new IllegalStateException("no verdict");
    }

    /** Count of each verdict key over [0, n). */
    static Map<String, Long> tally(Verdict[] verdicts, int n) {
        Map<String, Long> tally = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            tally.merge(key(verdicts[i]), 1L, Long::sum);
        }
        return tally;
    }

    /** First 16 hex digits of the SHA-256 of the tally's lines. */
    static String hash(Map<String, Long> tally) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            tally.forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails loudly unless {@code verdicts} give the reference's key for every candidate in [0, n). */
    static void requireSame(String variant, Verdict[] verdicts, Verdict[] reference, int n) {
        for (int i = 0; i < n; i++) {
            String got = key(verdicts[i]);
            String want = key(reference[i]);
            if (!got.equals(want)) {
                throw new IllegalStateException("variant '" + variant + "' disagrees with the pipeline at candidate " + i
                        + ": '" + got + "' vs '" + want + "'; tallies " + hash(tally(verdicts, n)) + " vs "
                        + hash(tally(reference, n)));
            }
        }
    }

    /** The stages the agreement check compares with the pipeline (batch 500): name → (stage, batch). */
    record Variant(String name, DecisionStage stage, int batch) {
    }

    /**
     * The verdict-equality check on {@code n} candidates: each variant's tally, by variant name.
     * Throws if any variant disagrees with the pipeline on any candidate.
     */
    static Map<String, Map<String, Long>> agreement(int n, long seed) {
        StepContext[] candidates = candidates(n, seed);
        RulesStage pipeline = new RulesStage(ruleBook(RuleBook.Mode.CLASSIC));
        List<Variant> variants = List.of(
                new Variant("pipeline, batch 500", pipeline, 500),
                new Variant("pipeline, batch 1000", pipeline, 1000),
                new Variant("(a) hand-written Java", new JavaEligibility(), 500),
                new Variant("(b) one session per candidate", pipeline, 1),
                new Variant("stateless session, grouped", new DirectDrools(kieBase(drlText()), true, false), 500));
        Map<String, Map<String, Long>> tallies = new LinkedHashMap<>();
        Verdict[] reference = null;
        for (Variant v : variants) {
            Verdict[] out = new Verdict[n];
            run(v.stage(), candidates, n, v.batch(), out);
            if (reference == null) {
                reference = out;
            } else {
                requireSame(v.name(), out, reference, n);
            }
            tallies.put(v.name(), tally(out, n));
        }
        return tallies;
    }

    // ---------------------------------------------------------------------------------------------
    // main
    // ---------------------------------------------------------------------------------------------

    private record Result(String name, int n, double[] rates) {
        double median() {
            double[] s = rates.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return Arrays.stream(rates).min().orElse(0);
        }

        double max() {
            return Arrays.stream(rates).max().orElse(0);
        }
    }

    private static Verdict[] reference;
    private static final List<Result> RESULTS = new ArrayList<>();

    private static Result measure(String name, DecisionStage stage, StepContext[] candidates, int n, int batch, int warmup,
                                  int iterations) {
        return measure(name, stage, candidates, n, batch, warmup, iterations, true);
    }

    private static Result measure(String name, DecisionStage stage, StepContext[] candidates, int n, int batch, int warmup,
                                  int iterations, boolean check) {
        Verdict[] out = new Verdict[n];
        double[] rates = new double[iterations];
        for (int it = -warmup; it < iterations; it++) {
            Arrays.fill(out, null);
            long t0 = System.nanoTime();
            run(stage, candidates, n, batch, out);
            long nanos = System.nanoTime() - t0;
            if (!check) {
                // not a decision variant: nothing to compare
            } else if (reference == null) {
                reference = out.clone();
                Map<String, Long> tally = tally(reference, n);
                System.out.printf(Locale.ROOT, "reference tally (%s, %,d candidates), hash %s:%n", name, n, hash(tally));
                tally.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-58s %,9d%n", k, v));
                System.out.println();
            } else {
                requireSame(name, out, reference, n);
            }
            if (it >= 0) {
                rates[it] = n / (nanos / 1e9);
            }
        }
        Result r = new Result(name, n, rates);
        RESULTS.add(r);
        System.out.printf(Locale.ROOT, "%-52s n=%,9d  median %,11.0f /s  (min %,.0f – max %,.0f)%s%n", name, n,
                r.median(), r.min(), r.max(), check ? "  tally " + hash(tally(out, n)) + " = pipeline" : "");
        return r;
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) {
        int n = 1_000_000;
        int subset = 200_000;
        int warmup = 2;
        int iterations = 5;
        long seed = 42;
        boolean experiments = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--candidates" -> n = Integer.parseInt(args[++i]);
                case "--subset" -> subset = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-experiments" -> experiments = false;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        subset = Math.min(subset, n);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "JVM %s, max heap %,d MB, %d CPUs; %,d candidates, seed %d, %d warm-up + %d measured "
                + "iterations per variant%n", System.getProperty("java.vm.version"), rt.maxMemory() >> 20,
                rt.availableProcessors(), n, seed, warmup, iterations);

        long t0 = System.nanoTime();
        StepContext[] candidates = candidates(n, seed);
        RuleBook classic = ruleBook(RuleBook.Mode.CLASSIC);
        long setupMillis = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        System.out.printf(Locale.ROOT, "setup (candidates + classic build, untimed): %,d ms, heap used after GC %,d MB; %d rules in %s%n%n",
                setupMillis, (rt.totalMemory() - rt.freeMemory()) >> 20,
                drlText().lines().filter(l -> l.startsWith("rule ")).count(), DRL);

        RulesStage pipeline = new RulesStage(classic);
        JavaEligibility java = new JavaEligibility();
        Result p500 = measure("pipeline: RulesStage.decideAll, batch 500", pipeline, candidates, n, 500, warmup, iterations);
        Result p1000 = measure("pipeline: RulesStage.decideAll, batch 1000", pipeline, candidates, n, 1000, warmup, iterations);
        Result a = measure("(a) hand-written Java over DueStep facts", java, candidates, n, 500, warmup, iterations);
        measure("    facts only: new DueStep per candidate", c -> {
            new DueStep(c);
            return Verdict.proceed();
        }, candidates, n, 1, 1, 3, false);
        Result b = measure("(b) RulesStage.decide, one session per candidate", pipeline, candidates, subset, 1,
                Math.min(warmup, 1), Math.min(iterations, 3));
        System.out.println("    (the named conditions held " + java.conditionsHeld + " times in the Java runs)");

        if (experiments) {
            System.out.println();
            System.out.println("experiments (same DRL, same verdicts required):");
            KieBase kieBase = kieBase(drlText());
            int xi = Math.min(iterations, 3);
            int xw = Math.min(warmup, 1);
            // Evaluation.about scans the whole batch's conclusions per fact: quadratic in the batch size
            measure("pipeline, batch 5000 (first " + Math.min(n, 100_000) / 1000 + "k candidates)", pipeline, candidates,
                    Math.min(n, 100_000), 5000, xw, xi);
            measure("pipeline, batch 100", pipeline, candidates, n, 100, xw, xi);
            measure("pipeline, executable model, batch 500", new RulesStage(ruleBook(RuleBook.Mode.EXECUTABLE_MODEL)),
                    candidates, n, 500, xw, xi);
            measure("stateful/batch, both listeners, grouped, b500", new DirectDrools(kieBase, false, true), candidates, n,
                    500, xw, xi);
            measure("stateful/batch, insert listener, grouped, b500", new DirectDrools(kieBase, false, false), candidates, n,
                    500, xw, xi);
            measure("one StatelessKieSession, grouped, batch 500", new DirectDrools(kieBase, true, false), candidates, n,
                    500, xw, xi);
            measure("one StatelessKieSession, grouped, batch 5000", new DirectDrools(kieBase, true, false), candidates, n,
                    5000, xw, xi);
        }

        Result pipe = p500.median() >= p1000.median() ? p500 : p1000;
        double pipelineOverB = pipe.median() / b.median();
        double aOverPipeline = a.median() / pipe.median();
        System.out.println();
        System.out.printf(Locale.ROOT, "pipeline (best batch: %s)  %,.0f decisions/s%n", pipe.name(), pipe.median());
        System.out.printf(Locale.ROOT, "(a) hand-written Java      %,.0f decisions/s%n", a.median());
        System.out.printf(Locale.ROOT, "(b) session per candidate  %,.0f decisions/s (measured on the first %,d candidates)%n",
                b.median(), subset);
        System.out.printf(Locale.ROOT, "pipeline / (b) = %.1fx   (target >= 50x: %s)%n", pipelineOverB,
                pipelineOverB >= 50 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "(a) / pipeline = %.1fx   (target <= 10x: %s)%n", aOverPipeline,
                aOverPipeline <= 10 ? "met" : "NOT met");
        System.out.println("all variants agreed on every candidate's verdict");
    }
}
