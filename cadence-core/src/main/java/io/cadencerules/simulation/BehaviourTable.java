package io.cadencerules.simulation;

import io.cadencerules.cadence.Branch;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.event.SurveyAnswered.Survey;
import io.cadencerules.json.JsonData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The shipped {@link Behaviour}: answer rates per channel, adjusted by the cadence's purpose, the
 * person's segments, the local hour of the contact and the person's own traits, read from JSON
 * ({@code behaviour-br.json} is the standard table; its rates are stated assumptions, not measurements).
 *
 * <p>Per contact, in this order, each a draw:
 * <ol>
 *   <li>a dead address (see {@link SimulatedCustomer#phoneValid()}) fails permanently; else the message is
 *       delivered with {@code deliver}, else it fails for now;</li>
 *   <li>a call ({@code answer} given) is answered with {@code answer}, else it rings out;</li>
 *   <li>the person opts out with {@code optOut} (and nothing else happens);</li>
 *   <li>engages with {@code engage}: answers the step's survey, else presses one of the step's menu keys,
 *       replies one of its keywords, or clicks (a reply "OK" or a click on "*" when the step has no branches);</li>
 *   <li>converts with {@code convert}; else, in collection, pays part with {@code partial} or promises to pay
 *       with {@code promise} (kept with {@code promise.kept}).</li>
 * </ol>
 * Engagement and conversion rates are multiplied by the purpose's, the segments' and the hour's factors and
 * by the person's responsiveness; the opt-out rate by its factors and the person's propensity.
 *
 * @param name         the table's name
 * @param description  what it is
 * @param channels     base rates per channel; a channel not listed gets no answer at all
 * @param purposes     factors per purpose
 * @param segments     factors per segment tag (all of a person's segments apply)
 * @param hours        factors per local hour range [from, to)
 * @param promise      how promises are kept
 * @param partialShare range of the share of the balance a partial payment pays
 * @param surveys      weights of each score, lowest first, per survey
 */
public record BehaviourTable(String name, String description, Map<Channel, Rates> channels, Map<Purpose, Factors> purposes,
                             Map<String, Factors> segments, List<HourFactor> hours, PromiseRates promise,
                             List<Double> partialShare, Map<Survey, List<Double>> surveys) implements Behaviour {

    private static final String STANDARD = "/io/cadencerules/simulation/behaviour-br.json";
    private static final Duration REPORT_DELAY = Duration.ofMinutes(2);

    public BehaviourTable {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        channels = Map.copyOf(Objects.requireNonNull(channels, "table '" + name + "' channels"));
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        segments = segments == null ? Map.of() : Map.copyOf(segments);
        hours = hours == null ? List.of() : List.copyOf(hours);
        Objects.requireNonNull(promise, "table '" + name + "' promise");
        partialShare = List.copyOf(Objects.requireNonNull(partialShare, "table '" + name + "' partialShare"));
        if (partialShare.size() != 2 || !(partialShare.get(0) > 0 && partialShare.get(0) <= partialShare.get(1)
                && partialShare.get(1) < 1)) {
            throw new IllegalArgumentException("table '" + name + "' partialShare must be [min, max] with 0 < min <= max < 1, but was "
                    + partialShare);
        }
        surveys = surveys == null ? Map.of() : Map.copyOf(surveys);
        for (Map.Entry<Survey, List<Double>> survey : surveys.entrySet()) {
            int scores = survey.getKey().max() - survey.getKey().min() + 1;
            if (survey.getValue().size() != scores || survey.getValue().stream().anyMatch(w -> !(w >= 0))
                    || survey.getValue().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new IllegalArgumentException("table '" + name + "' survey " + survey.getKey() + " needs " + scores
                        + " non-negative weights (lowest score first), not all zero, but was " + survey.getValue());
            }
        }
    }

    /**
     * Base rates of one channel, per contact.
     *
     * @param deliver    chance the message or call reaches the line
     * @param answer     for calls, chance the person answers; null for messages
     * @param engage     chance of an answer: reply, key press, click, survey answer
     * @param convert    chance of the goal (full payment, purchase…)
     * @param partial    chance of a partial payment (collection)
     * @param promise    chance of a promise to pay (collection)
     * @param optOut     chance of an opt-out
     * @param delayHours [min, max] hours between the contact and the person's action
     */
    public record Rates(double deliver, Double answer, double engage, double convert, double partial, double promise,
                        double optOut, List<Integer> delayHours) {
        public Rates {
            for (double p : new double[]{deliver, answer == null ? 0 : answer, engage, convert, partial, promise, optOut}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("rates must be within 0–1, but one was " + p);
                }
            }
            if (convert + partial + promise > 1) {
                throw new IllegalArgumentException("convert + partial + promise must not exceed 1, but was "
                        + (convert + partial + promise));
            }
            delayHours = List.copyOf(Objects.requireNonNull(delayHours, "delayHours"));
            if (delayHours.size() != 2 || delayHours.get(0) < 0 || delayHours.get(0) > delayHours.get(1)) {
                throw new IllegalArgumentException("delayHours must be [min, max] with 0 <= min <= max, but was " + delayHours);
            }
        }
    }

    /** Multipliers of the rates; a missing one is 1. */
    public record Factors(Double engage, Double convert, Double partial, Double promise, Double optOut) {
        public Factors {
            for (Double f : new Double[]{engage, convert, partial, promise, optOut}) {
                if (f != null && !(f >= 0)) {
                    throw new IllegalArgumentException("factors must not be negative, but one was " + f);
                }
            }
        }

        static double of(Double factor) {
            return factor == null ? 1.0 : factor;
        }
    }

    /** A factor on engagement and conversion for contacts whose local hour is in [from, to). */
    public record HourFactor(int from, int to, double factor) {
        public HourFactor {
            if (from < 0 || to > 24 || from >= to || !(factor >= 0)) {
                throw new IllegalArgumentException("hour factor needs 0 <= from < to <= 24 and factor >= 0, but was "
                        + from + "–" + to + " × " + factor);
            }
        }
    }

    /**
     * How promises to pay go.
     *
     * @param kept share of promises paid in full by their date
     * @param days [min, max] days ahead the promised date falls
     */
    public record PromiseRates(double kept, List<Integer> days) {
        public PromiseRates {
            if (!(kept >= 0 && kept <= 1)) {
                throw new IllegalArgumentException("promise.kept must be within 0–1, but was " + kept);
            }
            days = List.copyOf(Objects.requireNonNull(days, "promise.days"));
            if (days.size() != 2 || days.get(0) < 1 || days.get(0) > days.get(1)) {
                throw new IllegalArgumentException("promise.days must be [min, max] with 1 <= min <= max, but was " + days);
            }
        }
    }

    /** The standard table, {@code behaviour-br.json}. */
    public static BehaviourTable standard() {
        try (InputStream in = BehaviourTable.class.getResourceAsStream(STANDARD)) {
            if (in == null) {
                throw new IllegalStateException("the standard behaviour table " + STANDARD + " is missing from the class path");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), STANDARD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STANDARD, e);
        }
    }

    /**
     * Reads a table from JSON.
     *
     * @param where names the document in errors
     * @throws IllegalArgumentException naming {@code where} and the JSON path of the first problem
     */
    public static BehaviourTable fromJson(String json, String where) {
        return JsonData.read(json, BehaviourTable.class, where);
    }

    @Override
    public List<Outcome> react(Exposure exposure, SplittableRandom random) {
        Channel channel = exposure.request().channel();
        Rates rates = channels.get(channel);
        if (rates == null) {
            return List.of();
        }
        SimulatedCustomer person = exposure.person();
        List<Outcome> outcomes = new ArrayList<>(3);
        boolean reachable = channel.addressType() == ContactPoint.Type.EMAIL ? person.emailValid() : person.phoneValid();
        if (!reachable) {
            outcomes.add(new Outcome.Undelivered(REPORT_DELAY, "unreachable-address", true));
            return outcomes;
        }
        if (random.nextDouble() >= rates.deliver()) {
            outcomes.add(new Outcome.Undelivered(REPORT_DELAY, "not-delivered", false));
            return outcomes;
        }
        if (rates.answer() != null) {
            if (random.nextDouble() >= rates.answer()) {
                outcomes.add(new Outcome.Unanswered(REPORT_DELAY));
                return outcomes;
            }
            outcomes.add(new Outcome.Answered(REPORT_DELAY));
        } else {
            outcomes.add(new Outcome.Delivered(REPORT_DELAY));
        }

        Factors purpose = purposes.get(exposure.cadence().purpose());
        double engage = rates.engage() * person.responsiveness() * hourFactor(exposure.localTime().getHour());
        double convert = rates.convert() * person.responsiveness() * hourFactor(exposure.localTime().getHour());
        double partial = rates.partial() * person.responsiveness();
        double promised = rates.promise() * person.responsiveness();
        double optOut = rates.optOut() * person.optOutPropensity();
        List<Factors> applying = new ArrayList<>(3);
        if (purpose != null) {
            applying.add(purpose);
        }
        for (String segment : person.customer().segments()) {
            Factors f = segments.get(segment);
            if (f != null) {
                applying.add(f);
            }
        }
        for (Factors f : applying) {
            engage *= Factors.of(f.engage());
            convert *= Factors.of(f.convert());
            partial *= Factors.of(f.partial());
            promised *= Factors.of(f.promise());
            optOut *= Factors.of(f.optOut());
        }

        Duration delay = delay(rates, random);
        if (random.nextDouble() < optOut) {
            outcomes.add(new Outcome.OptedOut(delay));
            return outcomes;
        }
        if (random.nextDouble() < engage) {
            Outcome answer = engagement(exposure, delay, random);
            if (answer != null) {
                outcomes.add(answer);
            }
        }
        double draw = random.nextDouble();
        boolean collection = exposure.cadence().purpose() == Purpose.COLLECTION;
        Duration later = delay.plus(Duration.ofMinutes(5));
        if (draw < convert) {
            outcomes.add(new Outcome.Converted(later));
        } else if (collection && draw < convert + partial) {
            double share = partialShare.get(0) + (partialShare.get(1) - partialShare.get(0)) * random.nextDouble();
            outcomes.add(new Outcome.PartialPayment(later, share));
        } else if (collection && draw < convert + partial + promised) {
            int days = random.nextInt(promise.days().get(0), promise.days().get(1) + 1);
            outcomes.add(new Outcome.Promise(later, days, random.nextDouble() < promise.kept()));
        }
        return outcomes;
    }

    private Outcome engagement(Exposure exposure, Duration delay, SplittableRandom random) {
        if (exposure.survey() != null) {
            List<Double> weights = surveys.get(exposure.survey());
            if (weights == null) {
                throw new IllegalStateException("behaviour table '" + name + "' has no weights for survey " + exposure.survey()
                        + " (step '" + exposure.step().id() + "')");
            }
            return new Outcome.SurveyScore(delay, exposure.survey(), exposure.survey().min() + pick(weights, random));
        }
        List<Branch.Trigger> triggers = exposure.step().branches().stream().map(Branch::trigger).toList();
        Channel channel = exposure.request().channel();
        List<Branch.Trigger> fitting = new ArrayList<>();
        for (Branch.Trigger t : triggers) {
            boolean fits = t instanceof Branch.Trigger.Key ? channel == Channel.OUTBOUND_IVR
                    : t instanceof Branch.Trigger.Reply ? channel == Channel.SMS || channel == Channel.TWO_WAY_SMS
                    || channel == Channel.WHATSAPP
                    : true;
            if (fits) {
                fitting.add(t);
            }
        }
        if (fitting.isEmpty()) {
            return switch (channel) {
                case SMS, TWO_WAY_SMS, WHATSAPP -> new Outcome.Reply(delay, "OK");
                case EMAIL -> new Outcome.Click(delay, "*");
                default -> null;
            };
        }
        Branch.Trigger chosen = fitting.get(random.nextInt(fitting.size()));
        if (chosen instanceof Branch.Trigger.Key key) {
            return new Outcome.KeyPress(Duration.ZERO, key.digit());
        }
        if (chosen instanceof Branch.Trigger.Reply reply) {
            return new Outcome.Reply(delay, reply.keyword());
        }
        return new Outcome.Click(delay, ((Branch.Trigger.Click) chosen).link());
    }

    private static int pick(List<Double> weights, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < weights.size(); i++) {
            draw -= weights.get(i);
            if (draw < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }

    private double hourFactor(int hour) {
        for (HourFactor h : hours) {
            if (hour >= h.from() && hour < h.to()) {
                return h.factor();
            }
        }
        return 1.0;
    }

    private static Duration delay(Rates rates, SplittableRandom random) {
        int min = rates.delayHours().get(0) * 60;
        int max = rates.delayHours().get(1) * 60;
        return Duration.ofMinutes(min == max ? min : random.nextInt(min, max + 1));
    }
}
