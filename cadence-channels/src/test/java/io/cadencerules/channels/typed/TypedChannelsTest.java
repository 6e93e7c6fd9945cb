package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.channels.sms.SmsEncoding;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Reasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.channel.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedChannelsTest {

    private static final String KEY_PREFIX = "c-1%2Finv-9%2Ftyped%231%2F";

    /** c-1 writes on WhatsApp and asks for an agent on day 1; c-2 never answers; c-3 writes on WhatsApp on day 0. */
    private static TypedRig scenario() {
        TypedRig rig = new TypedRig();
        rig.enroll("c-1");
        rig.enroll("c-2");
        rig.enroll("c-3");
        rig.advanceTo(0, 9, 30);
        rig.engine.handle(rig.events.replied("c-3", "inv-9", WHATSAPP, "Oi"));
        rig.advanceTo(1, 12, 0);
        rig.engine.handle(rig.events.replied("c-1", "inv-9", WHATSAPP, "Oi, recebi"));
        rig.advanceTo(1, 12, 5);
        rig.engine.handle(rig.events.replied("c-1", "inv-9", TWO_WAY_SMS, "QUERO"));
        rig.advanceTo(6, 12, 0);
        return rig;
    }

    private final TypedRig rig = scenario();

    @Test
    void sms_request_carries_the_rendered_text_its_encoding_and_segments() {
        SmsRequest sms = rig.sent(SmsRequest.class, "c-1").get(0);

        assertThat(sms.to()).isEqualTo("+5511987654321");
        assertThat(sms.text()).isEqualTo("Ana, sua fatura de R$ 1.234,56 vence hoje (10/03/2026).");
        assertThat(sms.sms().encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(sms.sms().segments()).isEqualTo(1);
        assertThat(sms.idempotencyKey()).isEqualTo("c-1/inv-9/typed#1/d0-sms/1/SMS/1");
    }

    @Test
    void two_way_sms_expects_the_keywords_of_the_steps_reply_branches() {
        TwoWaySmsRequest sms = rig.sent(TwoWaySmsRequest.class, "c-2").get(0);

        assertThat(sms.expectedKeywords()).containsExactly("QUERO", "PAGO");
        assertThat(sms.sms().encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(sms.sms().segments()).isEqualTo(2);
    }

    @Test
    void two_way_sms_without_a_lookup_expects_no_keywords() {
        ContactRequest source = rig.sent(TwoWaySmsRequest.class, "c-2").get(0).source();
        TypedChannels blind = TypedChannels.builder(TypedRig.catalog()).build();

        assertThat(blind.twoWaySmsRequest(source).expectedKeywords()).isEmpty();
    }

    @Test
    void whatsapp_free_text_goes_out_inside_the_24_hour_window_opened_by_a_reply() {
        List<WhatsAppRequest> sent = rig.sent(WhatsAppRequest.class, "c-1");

        assertThat(sent).hasSize(1);
        WhatsAppRequest wa = sent.get(0);
        assertThat(wa.mode()).isEqualTo(WhatsAppRequest.Mode.FREE_TEXT);
        assertThat(wa.text()).isEqualTo("Oi Ana, posso ajudar com a fatura inv-9?");
        assertThat(wa.windowOpen()).isTrue();
        assertThat(wa.window().lastInbound()).isEqualTo(Instant.parse("2026-03-11T15:00:00Z"));
        assertThat(wa.window().closesAt()).isEqualTo(Instant.parse("2026-03-12T15:00:00Z"));
    }

    @Test
    void whatsapp_free_text_without_any_inbound_message_is_rejected_and_recorded_with_the_reason() {
        assertThat(rig.sent(WhatsAppRequest.class, "c-2")).isEmpty();

        HistoryEntry failed = rig.history("c-2").stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.FAILED && "d2-wa".equals(e.stepId())).findFirst().orElseThrow();
        assertThat(failed.reason()).isEqualTo(Reasons.PROVIDER_REJECTED);
        assertThat(failed.detail()).isEqualTo("WhatsApp free text (template 'wa_lembrete', step 'd2-wa') is only allowed within 24 h"
                + " of the customer's last WhatsApp message, but the journey has no inbound WhatsApp message; use an approved template");
        assertThat(rig.sent(EmailRequest.class, "c-2")).hasSize(1); // the journey went on
    }

    @Test
    void whatsapp_free_text_after_the_window_closed_is_rejected_naming_when_it_closed() {
        HistoryEntry failed = rig.history("c-3").stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.FAILED && "d2-wa".equals(e.stepId())).findFirst().orElseThrow();

        assertThat(failed.detail()).isEqualTo("WhatsApp free text (template 'wa_lembrete', step 'd2-wa') is only allowed within 24 h"
                + " of the customer's last WhatsApp message, but the last inbound WhatsApp message was recorded at"
                + " 2026-03-10T12:30:00Z and the window closed at 2026-03-11T12:30:00Z; use an approved template");
    }

    @Test
    void window_margin_shortens_the_window() {
        ContactRequest source = rig.sent(WhatsAppRequest.class, "c-1").get(0).source();
        TypedChannels cautious = TypedChannels.builder(TypedRig.catalog())
                .lookup(JourneyLookup.engine(() -> rig.engine)).whatsAppWindowMargin(Duration.ofHours(3)).build();

        assertThatThrownBy(() -> cautious.whatsAppRequest(source))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("window closed at 2026-03-12T12:00:00Z");
    }

    @Test
    void approved_whatsapp_template_goes_out_with_ordered_parameters_even_with_the_window_closed() {
        TypedRig approved = new TypedRig(TypedRig.catalog(), WhatsAppTemplates.builder()
                .approved("wa_lembrete", "pt_BR", "firstName", "amount", "dueDate").build());
        approved.enroll("c-2");
        approved.advanceTo(2, 12, 0);

        WhatsAppRequest wa = approved.sent(WhatsAppRequest.class, "c-2").get(0);
        assertThat(wa.mode()).isEqualTo(WhatsAppRequest.Mode.TEMPLATE);
        assertThat(wa.templateName()).isEqualTo("wa_lembrete");
        assertThat(wa.language()).isEqualTo("pt_BR");
        assertThat(wa.parameters()).containsExactly("Ana", "R$ 1.234,56", "10/03/2026");
        assertThat(wa.windowOpen()).isFalse();
        assertThat(wa.text()).isEqualTo("Oi Ana, posso ajudar com a fatura inv-9?");
    }

    @Test
    void approved_template_parameter_without_a_value_is_rejected_naming_parameter_and_variable() {
        ContactRequest source = rig.sent(WhatsAppRequest.class, "c-1").get(0).source();
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).whatsAppTemplates(WhatsAppTemplates.builder()
                .approved("wa_lembrete", "pt_BR", "firstName", "pixCode").build()).build();

        DispatchResult result = typed.whatsApp(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(source).toCompletableFuture().join();

        assertThat(result).isEqualTo(DispatchResult.rejected(
                "WhatsApp template 'wa_lembrete' parameter {{2}} needs variable 'pixCode', which step 'd2-wa' does not provide"));
    }

    @Test
    void templates_only_whatsapp_adapter_rejects_free_text_even_inside_the_window() {
        ContactRequest source = rig.sent(WhatsAppRequest.class, "c-1").get(0).source();
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).lookup(JourneyLookup.engine(() -> rig.engine))
                .profile(AdapterProfile.of(WHATSAPP, Money.brl("0.35"), CostUnit.MESSAGE, Capability.TEMPLATES_ONLY)).build();

        assertThatThrownBy(() -> typed.whatsAppRequest(source)).hasMessage("WhatsApp free text (template 'wa_lembrete', step"
                + " 'd2-wa') cannot be sent: the WhatsApp adapter sends approved templates only, and 'wa_lembrete' is not one");
    }

    @Test
    void email_has_subject_text_html_and_links_tracked_with_the_idempotency_key() {
        EmailRequest email = rig.sent(EmailRequest.class, "c-1").get(0);
        String key = KEY_PREFIX + "d3-email%2F1%2FEMAIL%2F1";

        assertThat(email.to()).isEqualTo("c-1@example.com");
        assertThat(email.subject()).isEqualTo("Fatura inv-9 em atraso");
        assertThat(email.text()).isEqualTo("Olá Ana, pague em https://pague.example/inv-9?ck=" + key
                + ". Dúvidas: https://ajuda.example/faq?ck=" + key + "#fatura");
        assertThat(email.htmlBody()).contains("<p>Olá Ana, <a href=\"https://pague.example/inv-9?utm=mail&amp;x=1&amp;ck="
                + key + "\">pague aqui</a>.</p>");
        assertThat(email.links()).containsExactly(
                new TrackedLink("https://pague.example/inv-9", "https://pague.example/inv-9?ck=" + key),
                new TrackedLink("https://ajuda.example/faq#fatura", "https://ajuda.example/faq?ck=" + key + "#fatura"),
                new TrackedLink("https://pague.example/inv-9?utm=mail&x=1", "https://pague.example/inv-9?utm=mail&x=1&ck=" + key));
    }

    @Test
    void email_without_a_subject_template_or_variable_is_rejected() {
        ContactRequest source = rig.sent(EmailRequest.class, "c-1").get(0).source();
        TypedChannels typed = TypedChannels.builder(io.cadencerules.channels.template.TemplateCatalog.builder()
                .template("late-email", "Olá").build()).build();

        assertThatThrownBy(() -> typed.emailRequest(source)).hasMessage("e-mail template 'late-email' used by step 'd3-email'"
                + " has no subject: register template 'late-email.subject' or give the step a 'subject' variable");
    }

    @Test
    void link_tracker_leaves_tracked_links_and_other_hosts_alone() {
        LinkTracker tracker = LinkTracker.of("ck", "pague.example");

        LinkTracker.Result result = tracker.track("a https://pague.example/x?ck=1 b https://outro.example/y c https://PAGUE.example/z",
                "k/1", false);

        assertThat(result.text()).isEqualTo("a https://pague.example/x?ck=1 b https://outro.example/y c https://PAGUE.example/z?ck=k%2F1");
        assertThat(result.links()).extracting(TrackedLink::original).containsExactly("https://PAGUE.example/z");
        assertThatThrownBy(() -> LinkTracker.of("c k")).hasMessage("link tracking parameter must be letters, digits, _ or -, but was 'c k'");
    }

    @Test
    void voice_blasts_and_ivr_calls_take_caller_ids_from_the_pool_in_turn() {
        List<String> callerIds = rig.sent.stream()
                .map(r -> r instanceof VoiceBlastRequest v ? v.callerId() : r instanceof OutboundIvrRequest i ? i.callerId() : null)
                .filter(java.util.Objects::nonNull).toList();

        assertThat(callerIds).hasSize(6).containsExactly("+551140000001", "+551140000002", "+551140000001", "+551140000002",
                "+551140000001", "+551140000002");
        VoiceBlastRequest voice = rig.sent(VoiceBlastRequest.class, "c-1").get(0);
        assertThat(voice.ttsText()).isEqualTo("Olá Ana, sua fatura de R$ 1.234,56 está em atraso.");
        assertThat(voice.audio()).isEmpty();
    }

    @Test
    void voice_blast_plays_the_audio_variable_instead_of_speaking() {
        ContactRequest source = rig.sent(VoiceBlastRequest.class, "c-1").get(0).source();
        ContactRequest withAudio = new ContactRequest(source.idempotencyKey(), source.journeyId(), source.stepId(), 1,
                source.channel(), source.address(), source.templateId(), Map.of("audio", "https://media.example/late.mp3"),
                "", Map.of(), source.customer(), source.subject(), source.requestedAt());

        VoiceBlastRequest voice = rig.typed.voiceBlastRequest(withAudio);

        assertThat(voice.audio()).contains("https://media.example/late.mp3");
        assertThat(voice.ttsText()).isEmpty();
    }

    @Test
    void calls_without_a_caller_id_pool_are_rejected() {
        ContactRequest source = rig.sent(VoiceBlastRequest.class, "c-1").get(0).source();
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).build();

        DispatchResult result = typed.voiceBlast(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(source).toCompletableFuture().join();

        assertThat(result).isEqualTo(DispatchResult.rejected(
                "VOICE_BLAST step 'd4-voice' needs a caller ID, but no CallerIdPool is configured"));
    }

    @Test
    void a_pool_with_no_caller_id_free_now_defers_the_call_instead_of_rejecting_it() {
        ContactRequest source = rig.sent(VoiceBlastRequest.class, "c-1").get(0).source();
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).callerIds(request -> java.util.Optional.empty()).build();

        DispatchResult result = typed.voiceBlast(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(source).toCompletableFuture().join();

        assertThat(result).isInstanceOfSatisfying(DispatchResult.Deferred.class, d -> {
            assertThat(d.until()).isEqualTo(source.requestedAt().plus(java.time.Duration.ofMinutes(30)));
            assertThat(d.reason()).startsWith("no caller ID may be used now for VOICE_BLAST step 'd4-voice'");
        });
    }

    @Test
    void caller_id_pool_refuses_bad_and_repeated_numbers() {
        assertThatThrownBy(() -> CallerIdPool.roundRobin("1140000001"))
                .hasMessage("caller ID must be in E.164 form (+ and 7 to 15 digits), but was '1140000001'");
        assertThatThrownBy(() -> CallerIdPool.roundRobin("+551140000001", "+551140000001"))
                .hasMessage("caller ID pool lists '+551140000001' more than once");
        assertThatThrownBy(() -> CallerIdPool.roundRobin(List.of()))
                .hasMessage("caller ID pool must have at least one number, but was []");
    }

    @Test
    void outbound_ivr_menu_comes_from_the_step_key_branches_in_key_order() {
        OutboundIvrRequest ivr = rig.sent(OutboundIvrRequest.class, "c-2").get(0);

        assertThat(ivr.prompt()).isEqualTo("Olá Ana. Para falar com um atendente, tecle 1. Se já pagou, tecle 9.");
        assertThat(ivr.menu()).containsExactly(Map.entry('1', "agent: negotiation"), Map.entry('9', "stop"));
    }

    @Test
    void agent_task_from_a_hand_off_is_high_priority_with_the_history_summary() {
        AgentTaskRequest task = rig.sent(AgentTaskRequest.class, "c-1").get(0);

        assertThat(task.queue()).isEqualTo("negotiation");
        assertThat(task.handOff()).isTrue();
        assertThat(task.priority()).isEqualTo(AgentPriority.HIGH);
        assertThat(task.phone()).isEqualTo("+5511987654321");
        assertThat(task.customer().name()).isEqualTo("Ana Souza");
        assertThat(task.subject()).isEqualTo(Fixtures.debt());
        assertThat(task.historySummary()).isEqualTo("10/03/2026 09:00 SMS d0-sms: sent; "
                + "11/03/2026 09:00 TWO_WAY_SMS d1-2way: sent; "
                + "11/03/2026 12:00 WHATSAPP: reply 'Oi, recebi'; "
                + "11/03/2026 12:05 TWO_WAY_SMS: reply 'QUERO'");
        assertThat(task.offer()).isEmpty();
    }

    @Test
    void planned_agent_task_carries_the_offer_the_script_and_the_last_contacts() {
        AgentTaskRequest task = rig.sent(AgentTaskRequest.class, "c-2").get(0);

        assertThat(task.queue()).isEqualTo("collections");
        assertThat(task.handOff()).isFalse();
        assertThat(task.priority()).isEqualTo(AgentPriority.NORMAL);
        assertThat(task.offer()).isEqualTo("10% de desconto à vista");
        assertThat(task.script()).isEqualTo("Oferecer 10% de desconto à vista a Ana Souza.");
        assertThat(task.history()).hasSize(5).extracting(HistoryLine::text).containsExactly(
                "11/03/2026 09:00 TWO_WAY_SMS d1-2way: sent",
                "12/03/2026 10:00 WHATSAPP d2-wa: failed: WhatsApp free text (template 'wa_lembrete', step 'd2-wa') is only"
                        + " allowed within 24 h of the customer's last WhatsApp message, but the journey has no inbound WhatsApp"
                        + " message; use an approved template",
                "13/03/2026 10:00 EMAIL d3-email: sent",
                "14/03/2026 10:00 VOICE_BLAST d4-voice: sent",
                "15/03/2026 10:00 OUTBOUND_IVR d5-ivr: sent");
    }

    @Test
    void render_failure_is_rejected_naming_the_template_and_variable_and_the_journey_goes_on() {
        TypedRig broken = new TypedRig(TypedRig.catalog("{{firstName}}, pague com o Pix {{pix}}."), WhatsAppTemplates.none());
        broken.enroll("c-1");
        broken.advanceTo(1, 12, 0);

        assertThat(broken.sent(SmsRequest.class, "c-1")).isEmpty();
        HistoryEntry failed = broken.history("c-1").stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.FAILED).findFirst().orElseThrow();
        assertThat(failed.stepId()).isEqualTo("d0-sms");
        assertThat(failed.reason()).isEqualTo(Reasons.PROVIDER_REJECTED);
        assertThat(failed.detail()).isEqualTo("render failed: template 'due-today' used by step 'd0-sms' (SMS) refers to variable"
                + " 'pix', which the request does not provide (validate the cadence against the catalog)");
        assertThat(broken.sent(TwoWaySmsRequest.class, "c-1")).hasSize(1);
    }

    @Test
    void adapter_for_one_channel_rejects_a_request_for_another() {
        ContactRequest email = rig.sent(EmailRequest.class, "c-1").get(0).source();

        DispatchResult result = rig.typed.sms(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(email).toCompletableFuture().join();

        assertThat(result).isEqualTo(DispatchResult.rejected(
                "SMS adapter cannot send request 'c-1/inv-9/typed#1/d3-email/1/EMAIL/1', which is for EMAIL"));
    }

    @Nested
    class Profiles {

        private final CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        private final TypedChannels typed = TypedChannels.builder(TypedRig.catalog())
                .profile(AdapterProfile.of(Channel.SMS, Money.brl("0.07"), CostUnit.SEGMENT, Capability.DELIVERY_RECEIPTS))
                .profile(AdapterProfile.of(TWO_WAY_SMS, Money.brl("0.09"), CostUnit.SEGMENT, Capability.TWO_WAY))
                .profile(AdapterProfile.of(Channel.VOICE_BLAST, Money.brl("0.12"), CostUnit.MINUTE))
                .callerIds(CallerIdPool.roundRobin("+551140000001"))
                .build();

        Profiles() {
            h.enroll(TypedRig.customer("c-1"), Fixtures.debt(), TypedRig.CADENCE);
            h.advanceTo(Fixtures.DUE.plusDays(4).atTime(12, 0), Fixtures.SAO_PAULO);
        }

        @Test
        void sms_cost_is_segments_times_the_unit_cost_of_the_profile() {
            ContactRequest oneSegment = h.channel(Channel.SMS).sent().get(0);
            ContactRequest twoSegments = h.channel(TWO_WAY_SMS).sent().get(0);

            assertThat(typed.estimate(oneSegment)).contains(Money.brl("0.07"));
            assertThat(typed.estimate(twoSegments)).contains(Money.brl("0.18"));
            assertThat(typed.profile(Channel.SMS).orElseThrow().estimate(typed.smsRequest(oneSegment)))
                    .isEqualTo(typed.smsRequest(oneSegment).sms().cost(Money.brl("0.07")));
        }

        @Test
        void calls_are_billed_per_started_minute_and_channels_without_a_profile_have_no_estimate() {
            ContactRequest voice = h.channel(Channel.VOICE_BLAST).sent().get(0);
            AdapterProfile profile = typed.profile(Channel.VOICE_BLAST).orElseThrow();

            assertThat(typed.estimate(voice)).contains(Money.brl("0.12"));
            assertThat(profile.estimate(typed.voiceBlastRequest(voice), Duration.ofSeconds(61))).isEqualTo(Money.brl("0.24"));
            assertThat(typed.estimate(h.channel(Channel.EMAIL).sent().get(0))).isEmpty();
        }

        @Test
        void profile_refuses_negative_costs_per_segment_billing_off_sms_and_a_second_profile_per_channel() {
            assertThatThrownBy(() -> AdapterProfile.of(Channel.SMS, Money.brl("-0.07"), CostUnit.SEGMENT))
                    .hasMessage("adapter profile for SMS unit cost must not be negative, but was BRL -0.07");
            assertThatThrownBy(() -> AdapterProfile.of(Channel.EMAIL, Money.brl("0.01"), CostUnit.SEGMENT))
                    .hasMessage("adapter profile for EMAIL cannot bill per SEGMENT, which only applies to SMS and TWO_WAY_SMS");
            assertThatThrownBy(() -> TypedChannels.builder(TypedRig.catalog())
                    .profile(AdapterProfile.of(Channel.SMS, Money.brl("0.07"), CostUnit.SEGMENT))
                    .profile(AdapterProfile.of(Channel.SMS, Money.brl("0.08"), CostUnit.SEGMENT)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("channel SMS already has an adapter profile: ");
            assertThatThrownBy(() -> AdapterProfile.of(Channel.EMAIL, Money.brl("0.01"), CostUnit.MESSAGE)
                    .estimate(typed.smsRequest(h.channel(Channel.SMS).sent().get(0))))
                    .hasMessage("adapter profile for EMAIL cannot estimate request 'c-1/inv-9/typed#1/d0-sms/1/SMS/1' for SMS");
        }

        @Test
        void outbound_ivr_request_built_from_a_harness_request_keeps_the_menu() {
            h.advanceTo(Fixtures.DUE.plusDays(5).atTime(12, 0), Fixtures.SAO_PAULO);
            ContactRequest ivr = h.channel(Channel.OUTBOUND_IVR).sent().get(0);

            OutboundIvrRequest request = typed.outboundIvrRequest(ivr);

            assertThat(request.menu().keySet()).containsExactly('1', '9');
            assertThat(request.callerId()).isEqualTo("+551140000001");
        }
    }
}
