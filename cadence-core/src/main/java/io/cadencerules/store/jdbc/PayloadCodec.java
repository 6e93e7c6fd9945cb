package io.cadencerules.store.jdbc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON form of journeys and customers in the store's payload columns. The documents are small
 * records of their own, not the model's classes, so that the stored format is explicit, versioned
 * ({@code format}) and unaffected by changes to the model's API. The round trip is exact: the
 * journey or customer read back equals the one written (money keeps its scale, instants their
 * nanoseconds, zones their ids).
 *
 * <p>Reading refuses what it does not understand (unknown fields, a newer format, a bad enum
 * constant, a value the model rejects) with a {@link PayloadException} whose message starts with
 * the JSON path of the problem.
 */
final class PayloadCodec {

    /** The payload format this version writes and reads. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private PayloadCodec() {
    }

    /** A payload that cannot be read; the message starts with the JSON path of the problem. */
    static final class PayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        PayloadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------ journeys

    static String write(Journey j) {
        JourneyId id = j.id();
        List<EntryDoc> history = new ArrayList<>(j.history().size());
        for (HistoryEntry e : j.history()) {
            history.add(new EntryDoc(e.at(), e.kind().name(), e.stepId(), e.channel() == null ? null : e.channel().name(),
                    e.attempt(), e.reason(), e.detail().isEmpty() ? null : e.detail(), money(e.cost())));
        }
        JourneyDoc doc = new JourneyDoc(FORMAT, id.customerId(), id.subjectKey(), id.cadenceId(), id.run(), j.cadenceVersion(),
                subject(j.subject()), j.zone().getId(), j.status().name(), j.statusReason(), j.enrolledAt(), j.anchorAt(),
                j.delayDays(), j.cursor(), j.nextStep(), j.attempt(), j.route(), j.handOff(), j.dueAt(), j.endedAt(),
                List.copyOf(new TreeSet<>(j.segments())), history, money(j.spent()), j.version());
        return json(doc);
    }

    static Journey readJourney(String json) throws PayloadException {
        JourneyDoc d = parse(json, JourneyDoc.class);
        checkFormat(d.format());
        JourneyId id = at("$", () -> new JourneyId(d.customerId(), d.subjectKey(), d.cadenceId(), d.run()));
        Subject subject = at("$.subject", () -> subject(require(d.subject(), "subject")));
        ZoneId zone = at("$.zone", () -> ZoneId.of(require(d.zone(), "zone")));
        JourneyStatus status = at("$.status", () -> constant(JourneyStatus.class, d.status(), "status"));
        List<HistoryEntry> history = new ArrayList<>(d.history() == null ? 0 : d.history().size());
        if (d.history() != null) {
            for (int i = 0; i < d.history().size(); i++) {
                EntryDoc e = d.history().get(i);
                history.add(at("$.history[" + i + "]", () -> new HistoryEntry(e.at(), constant(HistoryEntry.Kind.class, e.kind(), "kind"),
                        e.stepId(), e.channel() == null ? null : constant(Channel.class, e.channel(), "channel"), e.attempt(), e.reason(),
                        e.detail(), money(e.cost()))));
            }
        }
        Money spent = at("$.spent", () -> money(d.spent()));
        return at("$", () -> new Journey(id, d.cadenceVersion(), subject, zone, status, d.statusReason(), d.enrolledAt(), d.anchorAt(),
                d.delayDays(), d.cursor(), d.nextStep(), d.attempt(), d.route(), d.handOff(), d.dueAt(), d.endedAt(),
                d.segments() == null ? null : new TreeSet<>(d.segments()), history, spent, d.version()));
    }

    /** A journey document: the model's fields, the subject and money as documents, enums by name. */
    record JourneyDoc(int format, String customerId, String subjectKey, String cadenceId, int run, int cadenceVersion,
                      SubjectDoc subject, String zone, String status, String statusReason, Instant enrolledAt, Instant anchorAt,
                      int delayDays, int cursor, int nextStep, int attempt, int route, String handOff, Instant dueAt,
                      Instant endedAt, List<String> segments, List<EntryDoc> history, MoneyDoc spent, long version) {
    }

    /** A history entry; an empty detail is left out. */
    record EntryDoc(Instant at, String kind, String stepId, String channel, int attempt, String reason, String detail,
                    MoneyDoc cost) {
    }

    /**
     * One of the four subjects, by {@code type}: {@code debt} (key, amount, due, debtType), {@code lead}
     * (key, amount, product), {@code appointment} (key, at, place), {@code generic} (key, kind, date,
     * amount, attributes).
     */
    record SubjectDoc(String type, String key, MoneyDoc amount, LocalDate due, String debtType, String product,
                      LocalDateTime at, String place, String kind, LocalDate date, Map<String, String> attributes) {
    }

    /** Money: the amount as text (so that its scale survives any JSON store), the ISO currency code. */
    record MoneyDoc(String amount, String currency) {
    }

    private static SubjectDoc subject(Subject s) {
        if (s instanceof Debt d) {
            return new SubjectDoc("debt", d.key(), money(d.amount()), d.due(), d.type(), null, null, null, null, null, null);
        } else if (s instanceof Lead l) {
            return new SubjectDoc("lead", l.key(), money(l.amount()), null, null, l.product(), null, null, null, null, null);
        } else if (s instanceof Appointment a) {
            return new SubjectDoc("appointment", a.key(), null, null, null, null, a.at(), a.place(), null, null, null);
        }
        GenericSubject g = (GenericSubject) s;
        return new SubjectDoc("generic", g.key(), money(g.amount()), null, null, null, null, null, g.kind(), g.date(),
                new TreeMap<>(g.attributes()));
    }

    private static Subject subject(SubjectDoc d) {
        String type = require(d.type(), "type");
        switch (type) {
            case "debt":
                return new Debt(d.key(), money(require(d.amount(), "amount")), d.due(), d.debtType());
            case "lead":
                return new Lead(d.key(), money(require(d.amount(), "amount")), d.product());
            case "appointment":
                return new Appointment(d.key(), d.at(), d.place());
            case "generic":
                return new GenericSubject(d.key(), d.kind(), d.date(), money(d.amount()), d.attributes());
            default:
                throw new IllegalArgumentException("unknown subject type '" + type + "'; known types are debt, lead, appointment, generic");
        }
    }

    private static MoneyDoc money(Money m) {
        return m == null ? null : new MoneyDoc(m.amount().toString(), m.currency().getCurrencyCode());
    }

    private static Money money(MoneyDoc d) {
        if (d == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(require(d.amount(), "amount"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a decimal number, but was '" + d.amount() + "'", e);
        }
        return new Money(amount, Currency.getInstance(require(d.currency(), "currency")));
    }

    // ------------------------------------------------------------------ customers

    static String write(Customer c) {
        List<PointDoc> points = c.contactPoints().stream().map(p -> new PointDoc(p.type().name(), p.value())).toList();
        List<ConsentDoc> consents = c.consents().stream()
                .map(k -> new ConsentDoc(k.channel().name(), k.purpose().name(), k.granted(), k.recordedAt())).toList();
        CustomerDoc doc = new CustomerDoc(FORMAT, c.id(), c.name(), points, locale(c), c.timeZone() == null ? null : c.timeZone().getId(),
                c.addressState(), new TreeMap<>(c.attributes()), consents, List.copyOf(new TreeSet<>(c.segments())));
        return json(doc);
    }

    static Customer readCustomer(String json) throws PayloadException {
        CustomerDoc d = parse(json, CustomerDoc.class);
        checkFormat(d.format());
        List<ContactPoint> points = new ArrayList<>();
        if (d.contactPoints() != null) {
            for (int i = 0; i < d.contactPoints().size(); i++) {
                PointDoc p = d.contactPoints().get(i);
                points.add(at("$.contactPoints[" + i + "]", () -> new ContactPoint(constant(ContactPoint.Type.class, p.type(), "type"), p.value())));
            }
        }
        List<Consent> consents = new ArrayList<>();
        if (d.consents() != null) {
            for (int i = 0; i < d.consents().size(); i++) {
                ConsentDoc k = d.consents().get(i);
                consents.add(at("$.consents[" + i + "]", () -> new Consent(constant(Channel.class, k.channel(), "channel"),
                        constant(Purpose.class, k.purpose(), "purpose"), k.granted(), k.recordedAt())));
            }
        }
        Locale locale = at("$.locale", () -> locale(d.locale()));
        ZoneId zone = at("$.zone", () -> d.zone() == null ? null : ZoneId.of(d.zone()));
        return at("$", () -> new Customer(d.id(), d.name(), points, locale, zone, d.addressState(), d.attributes(), consents,
                d.segments() == null ? null : new TreeSet<>(d.segments())));
    }

    /**
     * A customer document. The locale is its BCP 47 tag, or, for the few locales a tag does not give
     * back exactly (old Java forms such as {@code no_NO_NY}), {@code java:language_country_variant}.
     */
    record CustomerDoc(int format, String id, String name, List<PointDoc> contactPoints, String locale, String zone,
                       String addressState, Map<String, String> attributes, List<ConsentDoc> consents, List<String> segments) {
    }

    /** A contact point. */
    record PointDoc(String type, String value) {
    }

    /** A consent record. */
    record ConsentDoc(String channel, String purpose, boolean granted, Instant recordedAt) {
    }

    private static final String JAVA_LOCALE = "java:";

    private static String locale(Customer c) {
        Locale l = c.locale();
        String tag = l.toLanguageTag();
        if (Locale.forLanguageTag(tag).equals(l)) {
            return tag;
        }
        if (l.getScript().isEmpty() && !l.hasExtensions() && l.getVariant().indexOf('_') < 0
                && new Locale(l.getLanguage(), l.getCountry(), l.getVariant()).equals(l)) {
            return JAVA_LOCALE + l.getLanguage() + "_" + l.getCountry() + "_" + l.getVariant();
        }
        throw new IllegalArgumentException("customer '" + c.id() + "' locale '" + l + "' cannot be stored exactly");
    }

    private static Locale locale(String s) {
        String value = require(s, "locale");
        if (value.startsWith(JAVA_LOCALE)) {
            String[] parts = value.substring(JAVA_LOCALE.length()).split("_", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a java: locale must be language_country_variant, but was '" + value + "'");
            }
            return new Locale(parts[0], parts[1], parts[2]);
        }
        return Locale.forLanguageTag(value);
    }

    // ------------------------------------------------------------------ dispatch results (the outbox)

    /** An adapter's final answer: {@code type} is accepted, rejected or failed; the other fields as the type has them. */
    record ResultDoc(int format, String type, String providerId, MoneyDoc cost, String reason, Boolean retryable,
                     Instant until) {
    }

    static String write(DispatchResult result) {
        ResultDoc doc;
        if (result instanceof DispatchResult.Accepted a) {
            doc = new ResultDoc(FORMAT, "accepted", a.providerId(), money(a.cost()), null, null, null);
        } else if (result instanceof DispatchResult.Rejected r) {
            doc = new ResultDoc(FORMAT, "rejected", null, null, r.reason(), null, null);
        } else if (result instanceof DispatchResult.Failed f) {
            doc = new ResultDoc(FORMAT, "failed", null, null, f.reason(), f.retryable(), null);
        } else if (result instanceof DispatchResult.Deferred d) {
            doc = new ResultDoc(FORMAT, "deferred", null, null, d.reason(), null, d.until());
        } else {
            doc = new ResultDoc(FORMAT, "unknown", null, null, ((DispatchResult.Unknown) result).reason(), null, null);
        }
        return json(doc);
    }

    static DispatchResult readResult(String json) throws PayloadException {
        ResultDoc d = parse(json, ResultDoc.class);
        checkFormat(d.format());
        return at("$", () -> {
            String type = require(d.type(), "type");
            switch (type) {
                case "accepted":
                    return new DispatchResult.Accepted(d.providerId(), money(d.cost()));
                case "rejected":
                    return new DispatchResult.Rejected(d.reason());
                case "failed":
                    return new DispatchResult.Failed(d.reason(), require(d.retryable(), "retryable"));
                case "deferred":
                    return new DispatchResult.Deferred(d.until(), d.reason());
                case "unknown":
                    return new DispatchResult.Unknown(d.reason());
                default:
                    throw new IllegalArgumentException("unknown result type '" + type
                            + "'; known types are accepted, rejected, failed, deferred, unknown");
            }
        });
    }

    // ------------------------------------------------------------------ plumbing

    private static String json(Object doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + doc.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T parse(String json, Class<T> type) throws PayloadException {
        if (json == null) {
            throw new PayloadException("$: the payload is null", null);
        }
        try {
            T doc = MAPPER.readValue(json, type);
            if (doc == null) {
                throw new PayloadException("$: the payload is JSON null", null);
            }
            return doc;
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder("$");
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            throw new PayloadException(path + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new PayloadException("$: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static void checkFormat(int format) throws PayloadException {
        if (format != FORMAT) {
            throw new PayloadException("$.format: this library reads payload format " + FORMAT + ", but was " + format, null);
        }
    }

    /** Runs a conversion, naming the path of a value the model refuses. */
    private static <T> T at(String path, Conversion<T> conversion) throws PayloadException {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof NullPointerException) {
                problem = problem + " is missing";
            }
            throw new PayloadException(path + ": " + problem, e);
        }
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T get() throws PayloadException;
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        return value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, String field) {
        if (name == null) {
            throw new NullPointerException(field);
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "'", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
