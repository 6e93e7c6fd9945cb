package io.cadencerules.channels.typed;

import io.cadencerules.cadence.Branch;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.template.Template;
import io.cadencerules.channels.template.TemplateCatalog;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.Reasons;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The bridge between the engine's {@link ChannelAdapter} SPI and the typed adapters: each
 * {@code sms(...)}, {@code email(...)}… method wraps a typed adapter into a core adapter that builds
 * the typed request (rendering the templates with the {@link TemplateCatalog}) and hands it over.
 * Whatever prevents building the request — a template that fails to render, WhatsApp free text
 * outside the customer-service window, no caller ID pool — becomes {@link DispatchResult#rejected} with a
 * reason naming the template, step and value; nothing is thrown through the engine. A call whose pool
 * has no number free now is {@linkplain DispatchResult#deferred deferred}, until the pool's
 * {@link CallerIdPool#nextFreeAt} when it can tell; a call the adapter rejects or defers gives its
 * caller ID back with {@link CallerIdPool#release}.
 *
 * <pre>{@code
 * AtomicReference<CadenceEngine> ref = new AtomicReference<>();
 * TypedChannels typed = TypedChannels.builder(catalog)
 *         .lookup(JourneyLookup.engine(ref::get))
 *         .callerIds(CallerIdPool.roundRobin("+551140000001", "+551140000002"))
 *         .whatsAppTemplates(approved)
 *         .profile(AdapterProfile.of(Channel.SMS, Money.brl("0.07"), CostUnit.SEGMENT))
 *         .build();
 * CadenceEngine engine = CadenceEngine.builder().clock(clock)
 *         .channel(Channel.SMS, typed.sms(request -> carrier.send(request.to(), request.text())))
 *         .channel(Channel.EMAIL, typed.email(mailer::send))
 *         .build();
 * ref.set(engine);
 * }</pre>
 *
 * <p>Conventions: an e-mail's subject is template {@code <id>.subject} (else the step's {@code subject}
 * variable), its HTML part template {@code <id>.html}; when {@code <id>} itself is an HTML template, the
 * text part is {@code <id>.text}. A voice blast plays the step's {@code audio} variable when set, else
 * speaks the rendered template. An agent task's priority is the step's {@code priority} variable, else
 * HIGH for a hand-off and NORMAL otherwise; its offer is the {@code offer} variable.
 */
public final class TypedChannels {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final TemplateCatalog catalog;
    private final JourneyLookup lookup;
    private final CallerIdPool callerIds;
    private final LinkTracker links;
    private final WhatsAppTemplates whatsApp;
    private final Duration windowMargin;
    private final int historyLines;
    private final Map<Channel, AdapterProfile> profiles;

    private TypedChannels(Builder b) {
        this.catalog = b.catalog;
        this.lookup = b.lookup;
        this.callerIds = b.callerIds;
        this.links = b.links;
        this.whatsApp = b.whatsApp;
        this.windowMargin = b.windowMargin;
        this.historyLines = b.historyLines;
        Map<Channel, AdapterProfile> p = new EnumMap<>(Channel.class);
        p.putAll(b.profiles);
        this.profiles = Collections.unmodifiableMap(p);
    }

    /**
     * A builder rendering with this catalog.
     *
     * @param catalog the templates
     * @return the builder
     */
    public static Builder builder(TemplateCatalog catalog) {
        return new Builder(catalog);
    }

    // ------------------------------------------------------------------ bridges

    /** A core adapter for {@link Channel#SMS} that sends through {@code adapter}. */
    public ChannelAdapter sms(SmsAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::smsRequest);
    }

    /** A core adapter for {@link Channel#TWO_WAY_SMS} that sends through {@code adapter}. */
    public ChannelAdapter twoWaySms(TwoWaySmsAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::twoWaySmsRequest);
    }

    /** A core adapter for {@link Channel#EMAIL} that sends through {@code adapter}. */
    public ChannelAdapter email(EmailAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::emailRequest);
    }

    /** A core adapter for {@link Channel#WHATSAPP} that sends through {@code adapter}. */
    public ChannelAdapter whatsApp(WhatsAppAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::whatsAppRequest);
    }

    /** A core adapter for {@link Channel#VOICE_BLAST} that calls through {@code adapter}. */
    public ChannelAdapter voiceBlast(VoiceBlastAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::voiceBlastRequest);
    }

    /** A core adapter for {@link Channel#OUTBOUND_IVR} that calls through {@code adapter}. */
    public ChannelAdapter outboundIvr(OutboundIvrAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::outboundIvrRequest);
    }

    /** A core adapter for {@link Channel#AGENT} that creates tasks through {@code adapter}. */
    public ChannelAdapter agentTask(AgentTaskAdapter adapter) {
        return bridge(adapter == null ? null : adapter::send, this::agentTaskRequest);
    }

    private <T extends TypedRequest> ChannelAdapter bridge(Function<T, CompletionStage<DispatchResult>> send,
                                                           Function<ContactRequest, T> build) {
        Objects.requireNonNull(send, "adapter");
        return request -> {
            T typed;
            try {
                typed = build.apply(request);
            } catch (NoCallerIdNow e) {
                return CompletableFuture.completedFuture(DispatchResult.deferred(e.retryAt, e.getMessage()));
            } catch (IllegalStateException | IllegalArgumentException e) {
                return CompletableFuture.completedFuture(DispatchResult.rejected(e.getMessage()));
            }
            CompletionStage<DispatchResult> result = send.apply(typed);
            String callerId = typed instanceof VoiceBlastRequest v ? v.callerId()
                    : typed instanceof OutboundIvrRequest i ? i.callerId() : null;
            if (callerId == null || result == null) {
                return result;
            }
            // rejected or deferred: the provider did not dial, so the dial does not count against the number
            return result.thenApply(r -> {
                if (r instanceof DispatchResult.Rejected || r instanceof DispatchResult.Deferred) {
                    callerIds.release(request, callerId);
                }
                return r;
            });
        };
    }

    // ------------------------------------------------------------------ typed requests

    /**
     * The typed request for any channel.
     *
     * @param request the engine's request
     * @return the request of its channel's family
     * @throws IllegalStateException when it cannot be built (the message is the rejection reason)
     */
    public TypedRequest request(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        return switch (request.channel()) {
            case SMS -> smsRequest(request);
            case TWO_WAY_SMS -> twoWaySmsRequest(request);
            case EMAIL -> emailRequest(request);
            case WHATSAPP -> whatsAppRequest(request);
            case VOICE_BLAST -> voiceBlastRequest(request);
            case OUTBOUND_IVR -> outboundIvrRequest(request);
            case AGENT -> agentTaskRequest(request);
        };
    }

    /**
     * An SMS: the rendered template, its encoding and segments.
     *
     * @throws IllegalStateException when the template does not render
     * @throws IllegalArgumentException when the request is not an SMS
     */
    public SmsRequest smsRequest(ContactRequest request) {
        require(request, Channel.SMS);
        return SmsRequest.of(request, render(request, request.templateId()));
    }

    /**
     * A two-way SMS: the rendered template and the keywords of its step's reply branches (found
     * through the {@link JourneyLookup}; none when the step cannot be found).
     *
     * @throws IllegalStateException when the template does not render
     */
    public TwoWaySmsRequest twoWaySmsRequest(ContactRequest request) {
        require(request, Channel.TWO_WAY_SMS);
        String text = render(request, request.templateId());
        List<String> keywords = lookup.step(request).map(step -> step.branches().stream()
                .map(Branch::trigger)
                .filter(Branch.Trigger.Reply.class::isInstance)
                .map(t -> ((Branch.Trigger.Reply) t).keyword())
                .toList()).orElse(List.of());
        return new TwoWaySmsRequest(request, request.address().value(), text,
                io.cadencerules.channels.sms.SmsText.of(text), keywords);
    }

    /**
     * An e-mail: subject from {@code <id>.subject} (else the {@code subject} variable), text and
     * optional HTML, links tracked with the {@link LinkTracker}.
     *
     * @throws IllegalStateException when a template does not render or there is no subject
     */
    public EmailRequest emailRequest(ContactRequest request) {
        require(request, Channel.EMAIL);
        String id = request.templateId();
        boolean mainIsHtml = catalog.template(id).map(Template::html).orElse(false);
        String text;
        String html;
        if (mainIsHtml) {
            html = render(request, id);
            if (catalog.template(id + ".text").isEmpty()) {
                throw new IllegalStateException("e-mail template '" + id + "' used by step '" + request.stepId()
                        + "' is HTML, so its text part needs template '" + id + ".text', which is not in the catalog");
            }
            text = render(request, id + ".text");
        } else {
            text = render(request, id);
            html = catalog.template(id + ".html").isPresent() ? render(request, id + ".html") : "";
        }
        String subject;
        if (catalog.template(id + ".subject").isPresent()) {
            subject = render(request, id + ".subject").strip();
        } else if (request.variables().get("subject") != null) {
            subject = String.valueOf(request.variables().get("subject")).strip();
        } else {
            throw new IllegalStateException("e-mail template '" + id + "' used by step '" + request.stepId()
                    + "' has no subject: register template '" + id + ".subject' or give the step a 'subject' variable");
        }
        if (subject.isEmpty()) {
            throw new IllegalStateException("e-mail template '" + id + "' used by step '" + request.stepId()
                    + "' rendered an empty subject");
        }
        LinkTracker.Result trackedText = links.track(text, request.idempotencyKey(), false);
        LinkTracker.Result trackedHtml = links.track(html, request.idempotencyKey(), true);
        Map<String, TrackedLink> all = new LinkedHashMap<>();
        trackedText.links().forEach(l -> all.putIfAbsent(l.original(), l));
        trackedHtml.links().forEach(l -> all.putIfAbsent(l.original(), l));
        return new EmailRequest(request, request.address().value(), subject, trackedText.text(), trackedHtml.text(),
                new ArrayList<>(all.values()));
    }

    /**
     * A WhatsApp message: the approved template named by the step's template id, with its parameters
     * from the catalog's context; otherwise free text rendered from the catalog, only inside the
     * customer-service window (computed from the journey's history, see {@link CustomerServiceWindow}).
     *
     * @throws IllegalStateException for free text outside the window, a template parameter without a
     *                               value, free text to a templates-only adapter, or a render failure
     */
    public WhatsAppRequest whatsAppRequest(ContactRequest request) {
        require(request, Channel.WHATSAPP);
        String id = request.templateId();
        Optional<Journey> journey = lookup.journey(request.journeyId());
        CustomerServiceWindow window = CustomerServiceWindow.of(journey.orElse(null), request.requestedAt(), windowMargin);
        Optional<WhatsAppTemplates.ApprovedTemplate> approved = whatsApp.find(id);
        if (approved.isPresent()) {
            WhatsAppTemplates.ApprovedTemplate t = approved.get();
            Map<String, Object> context = catalog.context(request);
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < t.parameters().size(); i++) {
                Object value = context.get(t.parameters().get(i));
                if (value == null) {
                    throw new IllegalStateException("WhatsApp template '" + t.name() + "' parameter {{" + (i + 1) + "}} needs variable '"
                            + t.parameters().get(i) + "', which step '" + request.stepId() + "' does not provide");
                }
                parameters.add(String.valueOf(value));
            }
            String preview = catalog.template(id).isPresent() ? render(request, id) : "";
            return new WhatsAppRequest(request, request.address().value(), WhatsAppRequest.Mode.TEMPLATE, t.name(),
                    t.language(), parameters, preview, window);
        }
        String where = "WhatsApp free text (template '" + id + "', step '" + request.stepId() + "')";
        AdapterProfile profile = profiles.get(Channel.WHATSAPP);
        if (profile != null && profile.supports(Capability.TEMPLATES_ONLY)) {
            throw new IllegalStateException(where + " cannot be sent: the WhatsApp adapter sends approved templates only, and '"
                    + id + "' is not one");
        }
        if (!window.open()) {
            String why = journey.isEmpty() ? "the journey's history is not available (no JourneyLookup finds journey "
                    + request.journeyId() + ")"
                    : window.lastInbound() == null ? "the journey has no inbound WhatsApp message"
                    : "the last inbound WhatsApp message was recorded at " + window.lastInbound() + " and the window closed at "
                    + window.closesAt();
            throw new IllegalStateException(where + " is only allowed within 24 h of the customer's last WhatsApp message, but "
                    + why + "; use an approved template");
        }
        return new WhatsAppRequest(request, request.address().value(), WhatsAppRequest.Mode.FREE_TEXT, "", "", List.of(),
                render(request, id), window);
    }

    /**
     * A voice blast: the step's {@code audio} variable when set, else the rendered template as TTS
     * text; a caller ID from the pool (a counting pool counts it as a dial).
     *
     * @throws IllegalStateException without a caller ID or when the template does not render
     */
    public VoiceBlastRequest voiceBlastRequest(ContactRequest request) {
        require(request, Channel.VOICE_BLAST);
        return withCallerId(request, voiceBlast(request));
    }

    /** A voice blast rendered, waiting for its caller ID. */
    private Function<String, VoiceBlastRequest> voiceBlast(ContactRequest request) {
        Object audio = request.variables().get("audio");
        String audioRef = audio == null ? "" : String.valueOf(audio).strip();
        String tts = audioRef.isEmpty() ? render(request, request.templateId()) : "";
        return callerId -> new VoiceBlastRequest(request, request.address().value(), tts, audioRef, callerId);
    }

    /**
     * An outbound IVR call: the rendered prompt, the key menu of the step's key branches, a caller ID
     * (a counting pool counts it as a dial).
     *
     * @throws IllegalStateException without a caller ID or when the template does not render
     */
    public OutboundIvrRequest outboundIvrRequest(ContactRequest request) {
        require(request, Channel.OUTBOUND_IVR);
        return withCallerId(request, outboundIvr(request));
    }

    /** An outbound IVR call rendered, waiting for its caller ID. */
    private Function<String, OutboundIvrRequest> outboundIvr(ContactRequest request) {
        String prompt = render(request, request.templateId());
        return callerId -> new OutboundIvrRequest(request, request.address().value(), prompt, request.keyMenu(), callerId);
    }

    /**
     * An agent task: queue, priority, the customer and subject, the journey's last contacts and
     * outcomes, the agent script (when the catalog has the template) and the offer.
     *
     * @throws IllegalStateException when the {@code priority} variable is not a priority or the script does not render
     */
    public AgentTaskRequest agentTaskRequest(ContactRequest request) {
        require(request, Channel.AGENT);
        Optional<Journey> journey = lookup.journey(request.journeyId());
        boolean handOff = journey.map(j -> j.handOff() != null).orElse(false);
        Object p = request.variables().get("priority");
        AgentPriority priority;
        if (p != null) {
            try {
                priority = AgentPriority.valueOf(String.valueOf(p).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("agent step '" + request.stepId() + "' variable 'priority' must be HIGH, NORMAL or LOW, but was '"
                        + p + "'");
            }
        } else {
            priority = handOff ? AgentPriority.HIGH : AgentPriority.NORMAL;
        }
        String script = catalog.template(request.templateId()).isPresent() ? render(request, request.templateId()) : "";
        List<HistoryLine> history = journey.map(this::history).orElse(List.of());
        Object offer = request.variables().get("offer");
        return new AgentTaskRequest(request, request.queue(), priority, request.address().value(), request.customer(),
                request.subject(), handOff, script, history, offer == null ? "" : String.valueOf(offer));
    }

    // ------------------------------------------------------------------ profiles and cost

    /** The profile declared for a channel's adapter. */
    public Optional<AdapterProfile> profile(Channel channel) {
        return Optional.ofNullable(profiles.get(channel));
    }

    /**
     * The expected cost of a request under its channel's profile (see {@link AdapterProfile#estimate}),
     * or empty when the channel has no profile. A call's estimate takes no caller ID from the pool (it
     * is not a dial).
     *
     * @throws IllegalStateException when the request cannot be built (e.g. its template does not render)
     */
    public Optional<Money> estimate(ContactRequest request) {
        AdapterProfile profile = profiles.get(Objects.requireNonNull(request, "request").channel());
        if (profile == null) {
            return Optional.empty();
        }
        TypedRequest typed = switch (request.channel()) {
            case VOICE_BLAST -> voiceBlast(request).apply(NOT_CHOSEN);
            case OUTBOUND_IVR -> outboundIvr(request).apply(NOT_CHOSEN);
            default -> request(request);
        };
        return Optional.of(profile.estimate(typed));
    }

    /**
     * The contact request a decision stage's context would dispatch, for estimating its cost before
     * the engine sends it (budget stages see a {@link StepContext}, not a request). Its idempotency key
     * is a placeholder and its key menu empty (neither affects cost).
     *
     * @param context the stage's context
     * @return the draft, or empty when the customer has no contact point for the action's channel
     */
    public static Optional<ContactRequest> draft(StepContext context) {
        Objects.requireNonNull(context, "context");
        return context.address().map(address -> new ContactRequest(
                "draft:" + context.journey().id() + "/" + context.step().id(), context.journey().id(), context.step().id(),
                Math.max(1, context.attempt()), context.action().channel(), address, context.action().templateId(),
                Map.copyOf(context.action().variables()), context.action().queue(), Map.of(), context.customer(),
                context.journey().subject(), context.now()));
    }

    // ------------------------------------------------------------------ helpers

    private static void require(ContactRequest request, Channel channel) {
        Objects.requireNonNull(request, "request");
        if (request.channel() != channel) {
            throw new IllegalArgumentException(channel + " adapter cannot send request '" + request.idempotencyKey()
                    + "', which is for " + request.channel());
        }
    }

    private String render(ContactRequest request, String templateId) {
        ContactRequest r = templateId.equals(request.templateId()) ? request
                : new ContactRequest(request.idempotencyKey(), request.journeyId(), request.stepId(), request.attempt(),
                request.channel(), request.address(), templateId, request.variables(), request.queue(), request.keyMenu(),
                request.customer(), request.subject(), request.requestedAt());
        try {
            return catalog.render(r);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("render failed: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a call with a caller ID from the pool, giving the number back when the request cannot be
     * built. No number free: deferred until the pool's {@link CallerIdPool#nextFreeAt}, else for
     * {@link #CALLER_ID_RETRY}.
     */
    private <T extends TypedRequest> T withCallerId(ContactRequest request, Function<String, T> build) {
        if (callerIds == null) {
            throw new IllegalStateException(request.channel() + " step '" + request.stepId()
                    + "' needs a caller ID, but no CallerIdPool is configured");
        }
        Optional<String> callerId = callerIds.callerId(request);
        if (callerId.isEmpty()) {
            Instant retryAt = callerIds.nextFreeAt(request).filter(t -> t.isAfter(request.requestedAt()))
                    .orElse(request.requestedAt().plus(CALLER_ID_RETRY));
            throw new NoCallerIdNow(retryAt, "no caller ID may be used now for " + request.channel() + " step '"
                    + request.stepId() + "' (pool " + callerIds + "); trying again at " + retryAt);
        }
        try {
            return build.apply(callerId.get());
        } catch (RuntimeException e) {
            callerIds.release(request, callerId.get());
            throw e;
        }
    }

    /** How long a call waits when the pool has no caller ID free and cannot tell until when. */
    private static final Duration CALLER_ID_RETRY = Duration.ofMinutes(30);

    /** The caller ID of a call built only to estimate its cost. */
    private static final String NOT_CHOSEN = "(not chosen)";

    /** The pool has no usable caller ID right now: a temporary condition, so the call is deferred, not rejected. */
    private static final class NoCallerIdNow extends IllegalStateException {
        private final Instant retryAt;

        NoCallerIdNow(Instant retryAt, String message) {
            super(message);
            this.retryAt = retryAt;
        }
    }

    private List<HistoryLine> history(Journey journey) {
        List<HistoryLine> lines = new ArrayList<>();
        List<HistoryEntry> entries = journey.history();
        ZoneId zone = journey.zone();
        for (int i = entries.size() - 1; i >= 0 && lines.size() < historyLines; i--) {
            HistoryEntry e = entries.get(i);
            String outcome = switch (e.kind()) {
                case SENT -> Reasons.BRANCH.equals(e.reason()) ? "handed to agent queue " + e.detail().split(" ", 2)[0] : "sent";
                case FAILED -> "failed: " + e.detail();
                case EVENT -> eventOutcome(e);
                default -> null;
            };
            if (outcome == null) {
                continue;
            }
            StringBuilder text = new StringBuilder(WHEN.format(e.at().atZone(zone)));
            if (e.channel() != null) {
                text.append(' ').append(e.channel());
            }
            if (e.stepId() != null) {
                text.append(' ').append(e.stepId());
            }
            text.append(": ").append(outcome);
            lines.add(new HistoryLine(e.at(), e.stepId(), e.channel(), outcome, text.toString()));
        }
        Collections.reverse(lines);
        return lines;
    }

    private static String eventOutcome(HistoryEntry e) {
        String detail = e.detail();
        int cut = detail.lastIndexOf("; event ");
        if (cut >= 0) {
            return detail.substring(0, cut);
        }
        return e.reason().replace('-', ' ');
    }

    /** Configures {@link TypedChannels}; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final TemplateCatalog catalog;
        private JourneyLookup lookup = JourneyLookup.none();
        private CallerIdPool callerIds;
        private LinkTracker links = LinkTracker.standard();
        private WhatsAppTemplates whatsApp = WhatsAppTemplates.none();
        private Duration windowMargin = Duration.ZERO;
        private int historyLines = 5;
        private final Map<Channel, AdapterProfile> profiles = new EnumMap<>(Channel.class);

        private Builder(TemplateCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** How to find a request's journey and step; default {@link JourneyLookup#none()}. */
        public Builder lookup(JourneyLookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** The caller IDs of voice blasts and outbound IVR calls; without one those calls are rejected. */
        public Builder callerIds(CallerIdPool pool) {
            this.callerIds = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /** How e-mail links are tracked; default {@link LinkTracker#standard()}. */
        public Builder links(LinkTracker tracker) {
            this.links = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /** The approved WhatsApp templates; default none (every WhatsApp step is free text). */
        public Builder whatsAppTemplates(WhatsAppTemplates templates) {
            this.whatsApp = Objects.requireNonNull(templates, "templates");
            return this;
        }

        /**
         * Taken off WhatsApp's 24 h window, against replies the engine recorded late; default zero.
         * See {@link CustomerServiceWindow}.
         */
        public Builder whatsAppWindowMargin(Duration margin) {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative() || margin.compareTo(CustomerServiceWindow.LENGTH) >= 0) {
                throw new IllegalArgumentException("WhatsApp window margin must be from 0 to less than 24 h, but was " + margin);
            }
            this.windowMargin = margin;
            return this;
        }

        /** How many history lines an agent task carries; default 5. */
        public Builder historyLines(int lines) {
            if (lines < 0) {
                throw new IllegalArgumentException("agent history lines must not be negative, but was " + lines);
            }
            this.historyLines = lines;
            return this;
        }

        /**
         * The profile of a channel's adapter.
         *
         * @throws IllegalStateException when the channel already has one
         */
        public Builder profile(AdapterProfile profile) {
            Objects.requireNonNull(profile, "profile");
            if (profiles.putIfAbsent(profile.channel(), profile) != null) {
                throw new IllegalStateException("channel " + profile.channel() + " already has an adapter profile: "
                        + profiles.get(profile.channel()));
            }
            return this;
        }

        /** The bridge. */
        public TypedChannels build() {
            return new TypedChannels(this);
        }
    }
}
