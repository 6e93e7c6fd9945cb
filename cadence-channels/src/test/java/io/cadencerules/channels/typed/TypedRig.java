package io.cadencerules.channels.typed;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.channels.template.TemplateCatalog;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.testkit.TestEvents;
import io.cadencerules.testkit.VirtualClock;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.stop;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;

/** An engine whose every channel goes through {@link TypedChannels} into adapters that capture the typed requests. */
final class TypedRig {

    static final Cadence CADENCE = Cadence.collection("typed")
            .anchoredOn(Anchor.DUE_DATE)
            .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due-today")
            .step("d1-2way").at(days(1), LocalTime.of(9, 0)).twoWaySms("late-sms")
            .onReply("quero", handOffToAgent("negotiation")).onReply("PAGO", stop())
            .step("d2-wa").at(days(2), LocalTime.of(10, 0)).whatsapp("wa_lembrete")
            .step("d3-email").at(days(3), LocalTime.of(10, 0)).email("late-email")
            .step("d4-voice").at(days(4), LocalTime.of(10, 0)).voiceBlast("late-voice")
            .step("d5-ivr").at(days(5), LocalTime.of(10, 0)).outboundIvr("ivr-prompt")
            .onKey('9', stop()).onKey('1', handOffToAgent("negotiation"))
            .step("d6-agent").at(days(6), LocalTime.of(10, 0)).agentCall("collections", "agent-script")
            .with("offer", "10% de desconto à vista")
            .exitOn(PAYMENT_RECEIVED)
            .build();

    static final String DUE_TODAY = "{{firstName}}, sua fatura de {{amount}} vence hoje ({{dueDate}}).";

    static TemplateCatalog catalog() {
        return catalog(DUE_TODAY);
    }

    static TemplateCatalog catalog(String dueToday) {
        return TemplateCatalog.builder()
                .template("due-today", dueToday)
                .template("late-sms", "{{firstName}}, sua fatura está em atraso. Responda QUERO para negociar ou PAGO se já pagou.")
                .template("wa_lembrete", "Oi {{firstName}}, posso ajudar com a fatura {{subjectKey}}?")
                .template("late-email", "Olá {{firstName}}, pague em https://pague.example/{{subjectKey}}. Dúvidas: https://ajuda.example/faq#fatura")
                .template("late-email.subject", "Fatura {{subjectKey}} em atraso")
                .html("late-email.html", "<p>Olá {{firstName}}, <a href=\"https://pague.example/{{subjectKey}}?utm=mail&amp;x=1\">pague aqui</a>.</p>")
                .template("late-voice", "Olá {{firstName}}, sua fatura de {{amount}} está em atraso.")
                .template("ivr-prompt", "Olá {{firstName}}. Para falar com um atendente, tecle 1. Se já pagou, tecle 9.")
                .template("agent-script", "Oferecer {{offer}} a {{customerName}}.")
                .build();
    }

    final VirtualClock clock = new VirtualClock(Fixtures.START);
    final TestEvents events = new TestEvents(clock);
    final List<TypedRequest> sent = new ArrayList<>();
    final TypedChannels typed;
    final CadenceEngine engine;

    TypedRig() {
        this(catalog(), WhatsAppTemplates.none());
    }

    TypedRig(TemplateCatalog catalog, WhatsAppTemplates whatsApp) {
        AtomicReference<CadenceEngine> ref = new AtomicReference<>();
        typed = TypedChannels.builder(catalog)
                .lookup(JourneyLookup.engine(ref::get))
                .callerIds(CallerIdPool.roundRobin("+551140000001", "+551140000002"))
                .whatsAppTemplates(whatsApp)
                .profile(AdapterProfile.of(Channel.SMS, Money.brl("0.07"), CostUnit.SEGMENT, Capability.DELIVERY_RECEIPTS))
                .build();
        engine = CadenceEngine.builder().clock(clock).instanceId("typed-rig")
                .channel(Channel.SMS, typed.sms(this::accept))
                .channel(Channel.TWO_WAY_SMS, typed.twoWaySms(this::accept))
                .channel(Channel.WHATSAPP, typed.whatsApp(this::accept))
                .channel(Channel.EMAIL, typed.email(this::accept))
                .channel(Channel.VOICE_BLAST, typed.voiceBlast(this::accept))
                .channel(Channel.OUTBOUND_IVR, typed.outboundIvr(this::accept))
                .channel(Channel.AGENT, typed.agentTask(this::accept))
                .build();
        ref.set(engine);
    }

    static Customer customer(String id) {
        return Customer.builder(id).name("Ana Souza").phone("+5511987654321").email(id + "@example.com")
                .whatsapp("+5511987654321").zone(Fixtures.SAO_PAULO).build();
    }

    private CompletionStage<DispatchResult> accept(TypedRequest request) {
        sent.add(request);
        return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + sent.size()));
    }

    Journey enroll(String customerId) {
        return engine.enroll(customer(customerId), Fixtures.debt(), CADENCE).journey();
    }

    /** Moves the clock to a local time in São Paulo, running every due journey on the way. */
    void advanceTo(LocalDateTime local) {
        Instant target = local.atZone(Fixtures.SAO_PAULO).toInstant();
        for (Optional<Instant> next = engine.store().nextDue(); next.isPresent() && !next.get().isAfter(target);
             next = engine.store().nextDue()) {
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            if (engine.runDue() == 0) {
                break;
            }
        }
        clock.set(target);
        engine.runDue();
    }

    /** Day {@code d} after the due date at a local time. */
    void advanceTo(int d, int hour, int minute) {
        advanceTo(Fixtures.DUE.plusDays(d).atTime(hour, minute));
    }

    <T extends TypedRequest> List<T> sent(Class<T> type, String customerId) {
        return sent.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> r.source().customer().id().equals(customerId)).toList();
    }

    List<HistoryEntry> history(String customerId) {
        return engine.journey(new JourneyKey(customerId, "inv-9", CADENCE.id())).orElseThrow().history();
    }
}
