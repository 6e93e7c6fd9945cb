package io.cadencerules.cadence;

import io.cadencerules.Fixtures;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.convert;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.rule;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.cadence.Dsl.startCadence;
import static io.cadencerules.cadence.Dsl.stop;
import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.WHATSAPP;
import static io.cadencerules.event.EventType.LINK_CLICKED;
import static io.cadencerules.event.EventType.OPT_OUT;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Invalid cadence definitions fail at {@code build()} with an {@link IllegalArgumentException} that
 * names the step and the value; repeated or conflicting builder options fail at once with an
 * {@link IllegalStateException}.
 */
class CadenceDefinitionTest {

    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime TEN = LocalTime.of(10, 0);

    @Nested
    class Steps {

        @Test
        void rejects_two_steps_with_the_same_id() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late")
                    .step("d2-sms").at(days(3)).email("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("cadence 'card-late' has two steps with id 'd2-sms'");
        }

        @Test
        void rejects_a_step_without_a_channel_action() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2));

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step 'd2-sms' has no channel action: use email(...), sms(...), voiceBlast(...), outboundIvr(...)…");
        }

        @Test
        void rejects_a_step_without_a_timing() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").sms("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' has no timing: use at(...), after(...) or on(...)");
        }

        @Test
        void rejects_a_step_id_with_a_space() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2 sms").at(days(2)).sms("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step id must be letters, digits and _ . + - (starting with a letter or digit), but was 'd2 sms'");
        }

        @Test
        void rejects_a_step_id_starting_with_a_dash() {
            CadenceBuilder builder = Cadence.collection("card-late").step("-d2").at(days(2)).sms("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step id must be letters, digits and _ . + - (starting with a letter or digit), but was '-d2'");
        }

        @Test
        void rejects_zero_max_attempts() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late").maxAttempts(0, Duration.ofMinutes(30));

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' max attempts must be at least 1, but was 0");
        }

        @Test
        void rejects_a_zero_retry_wait() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late").maxAttempts(3, Duration.ZERO);

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' retry wait must be positive, but was PT0S");
        }

        @Test
        void rejects_a_fallback_on_the_main_channel() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late").fallbackTo(SMS, "late-again");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' lists channel SMS more than once");
        }

        @Test
        void rejects_the_same_fallback_channel_twice() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late").fallbackTo(EMAIL, "late-mail").fallbackTo(EMAIL, "late-mail-2");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' lists channel EMAIL more than once");
        }

        @Test
        void rejects_a_time_of_day_with_a_fraction_of_a_second() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2), LocalTime.of(9, 0, 0, 5)).sms("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-sms' time of day must be whole seconds, but was 09:00:00.000000005");
        }

        @Test
        void rejects_a_blank_template() {
            // The message names the channel and the value but not the step (reported).
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2)).sms(" ");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("SMS action needs a template id, but was ' '");
        }

        @Test
        void rejects_a_blank_fallback_template_when_it_is_added() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2)).sms("late");

            assertThatIllegalArgumentException().isThrownBy(() -> builder.fallbackTo(EMAIL, ""))
                    .withMessage("EMAIL action needs a template id, but was ''");
        }
    }

    @Nested
    class Timings {

        @Test
        void rejects_an_offset_before_the_previous_step() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d5-ivr").at(days(5)).outboundIvr("negotiate")
                    .step("d2-voice").at(days(2)).voiceBlast("late-notice");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-voice' at D+2 must not come before the previous step 'd5-ivr' at D+5");
        }

        @Test
        void rejects_an_earlier_time_on_the_same_day_as_the_previous_step() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2), TEN).sms("late")
                    .step("d2-voice").at(days(2), NINE).voiceBlast("late-notice");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd2-voice' at D+2 09:00 must not come before the previous step 'd2-sms' at D+2 10:00");
        }

        @Test
        void names_days_before_the_due_date_with_a_minus() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d-1-sms").at(days(-1)).sms("due-soon")
                    .step("d-3-email").at(days(-3)).email("reminder-due");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'd-3-email' at D-3 must not come before the previous step 'd-1-sms' at D-1");
        }

        @Test
        void accepts_the_same_day_at_a_later_time() {
            Cadence cadence = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2), NINE).sms("late")
                    .step("d2-voice").at(days(2), TEN).voiceBlast("late-notice")
                    .build();

            assertThat(cadence.steps()).extracting(Step::id).containsExactly("d2-sms", "d2-voice");
        }

        @Test
        void rejects_a_same_day_time_before_the_default_send_time_of_the_previous_step() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late")
                    .step("d2-voice").at(days(2), LocalTime.of(8, 0)).voiceBlast("late-notice");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessageStartingWith("step 'd2-voice' at D+2 08:00 must not come before the previous step 'd2-sms'");
        }

        @Test
        void rejects_a_negative_wait() {
            CadenceBuilder builder = Cadence.sales("cart")
                    .step("first").after(Duration.ofHours(-1)).whatsapp("cart-reminder");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'first' wait must be positive, but was PT-1H");
        }

        @Test
        void rejects_a_zero_wait() {
            CadenceBuilder builder = Cadence.sales("cart")
                    .step("first").after(Duration.ZERO).whatsapp("cart-reminder");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'first' wait must be positive, but was PT0S");
        }

        @Test
        void rejects_an_offset_beyond_an_explicit_horizon() {
            CadenceBuilder builder = Cadence.collection("card-late").horizon(60)
                    .step("x").at(days(90)).agentCall("collections");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'x' offset must be within the cadence horizon of 60 days, but was 90 days");
        }

        @Test
        void rejects_an_offset_further_before_the_due_date_than_the_horizon() {
            CadenceBuilder builder = Cadence.collection("card-late").horizon(60)
                    .step("early").at(days(-61)).email("reminder-due");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'early' offset must be within the cadence horizon of 60 days, but was -61 days");
        }

        @Test
        void rejects_a_negative_offset_on_an_enrolment_anchor() {
            CadenceBuilder builder = Cadence.sales("cart").step("before").at(days(-1)).sms("offer");

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step 'before' offset of -1 days is before day zero, which only a DUE_DATE anchor allows (anchor is ENROLMENT)");
        }

        @Test
        void rejects_a_negative_offset_on_an_event_anchor() {
            CadenceBuilder builder = Cadence.sales("cart").anchoredOn(Anchor.customEvent("cart-abandoned"))
                    .step("before").at(days(-2)).sms("offer");

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step 'before' offset of -2 days is before day zero, which only a DUE_DATE anchor allows (anchor is EVENT)");
        }

        @Test
        void rejects_a_cadence_with_only_reaction_steps() {
            CadenceBuilder builder = Cadence.sales("cart").step("clicked").on(LINK_CLICKED).whatsapp("thanks");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("cadence 'cart' needs at least one timed step (at(...) or after(...))");
        }

        @Test
        void rejects_a_cadence_without_steps() {
            assertThatIllegalArgumentException().isThrownBy(() -> Cadence.sales("cart").build())
                    .withMessage("cadence 'cart' needs at least one timed step (at(...) or after(...))");
        }

        @Test
        void rejects_a_reaction_to_an_event_that_ends_the_cadence() {
            CadenceBuilder builder = Cadence.collection("card-late").exitOn(PAYMENT_RECEIVED)
                    .step("d2-sms").at(days(2)).sms("late")
                    .step("thanks").on(PAYMENT_RECEIVED).sms("thanks");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'thanks' reacts to PAYMENT_RECEIVED, which ends the cadence");
        }

        @Test
        void rejects_a_reaction_to_an_unnamed_custom_event() {
            CadenceBuilder builder = Cadence.sales("cart").step("r");

            assertThatIllegalArgumentException().isThrownBy(() -> builder.onCustom(" "))
                    .withMessage("a reaction to a CUSTOM event needs the event name");
        }
    }

    @Nested
    class Branches {

        @Test
        void rejects_a_go_to_an_unknown_step() {
            CadenceBuilder builder = Cadence.sales("cart")
                    .step("offer").at(days(1)).twoWaySms("offer").onReply("quero", goTo("call-me"));

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'offer' branch on reply 'QUERO' goes to unknown step 'call-me'");
        }

        @Test
        void accepts_a_go_to_a_later_step() {
            Cadence cadence = Cadence.sales("cart")
                    .step("offer").at(days(1)).twoWaySms("offer").onReply("quero", goTo("call-me"))
                    .step("call-me").at(days(3)).agentCall("sales")
                    .build();

            assertThat(cadence.step("offer").orElseThrow().branches())
                    .containsExactly(new Branch(new Branch.Trigger.Reply("QUERO"), new BranchAction.GoTo("call-me")));
        }

        @Test
        void rejects_a_key_branch_on_a_step_that_is_not_an_ivr_call() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-voice").at(days(2)).voiceBlast("late-notice").onKey('1', handOffToAgent("negotiation"));

            assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(
                    "step 'd2-voice' branch on key '1' needs an OUTBOUND_IVR step, but the channel is VOICE_BLAST");
        }

        @Test
        void rejects_a_key_that_is_not_on_a_phone_keypad() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d5-ivr").at(days(5)).outboundIvr("negotiate");

            assertThatIllegalArgumentException().isThrownBy(() -> builder.onKey('a', stop()))
                    .withMessage("branch key must be 0-9, * or #, but was 'a'");
        }

        @Test
        void rejects_two_branches_for_the_same_reply_ignoring_case() {
            CadenceBuilder builder = Cadence.sales("cart")
                    .step("offer").at(days(1)).twoWaySms("offer").onReply("sim", convert()).onReply(" SIM ", stop());

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'offer' has two branches for reply 'SIM'");
        }

        @Test
        void rejects_starting_its_own_cadence() {
            CadenceBuilder builder = Cadence.sales("cart")
                    .step("offer").at(days(1)).email("offer").onClick("*", startCadence("cart"));

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("step 'offer' branch on click on '*' starts its own cadence 'cart'");
        }

        @Test
        void rejects_blank_branch_targets() {
            assertThatIllegalArgumentException().isThrownBy(() -> goTo(" "))
                    .withMessage("goTo needs a step id, but was ' '");
            assertThatIllegalArgumentException().isThrownBy(() -> handOffToAgent(""))
                    .withMessage("hand-off needs an agent queue, but was ''");
            assertThatIllegalArgumentException().isThrownBy(() -> startCadence(null))
                    .withMessage("startCadence needs a cadence id, but was 'null'");
        }

        @Test
        void rejects_blank_reply_keywords_and_click_links() {
            CadenceBuilder builder = Cadence.sales("cart").step("offer").at(days(1)).twoWaySms("offer");

            assertThatIllegalArgumentException().isThrownBy(() -> builder.onReply("  ", stop()))
                    .withMessage("reply branch keyword must not be blank, but was '  '");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.onClick("", stop()))
                    .withMessage("click branch link must not be blank, but was ''");
        }
    }

    @Nested
    class Conditions {

        @Test
        void rejects_a_blank_segment_name() {
            assertThatIllegalArgumentException().isThrownBy(() -> segment(" "))
                    .withMessage("segment condition name must not be blank, but was ' '");
        }

        @Test
        void rejects_a_blank_rule_name() {
            assertThatIllegalArgumentException().isThrownBy(() -> rule(""))
                    .withMessage("rule condition name must not be blank, but was ''");
        }

        @Test
        void rejects_a_second_condition_on_a_step() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d10-agent").at(days(10)).agentCall("collections").when(segment("high-balance"));

            assertThatIllegalStateException().isThrownBy(() -> builder.when(rule("can-call")))
                    .withMessage("step 'd10-agent' already has a condition");
        }
    }

    @Nested
    class BuilderOptions {

        @Test
        void rejects_the_same_event_in_exit_on_and_pause_on() {
            CadenceBuilder builder = Cadence.collection("card-late").exitOn(PROMISE_TO_PAY);

            assertThatIllegalStateException().isThrownBy(() -> builder.pauseOn(PROMISE_TO_PAY))
                    .withMessage("cadence 'card-late' exits on PROMISE_TO_PAY, so it cannot also pause on it");
        }

        @Test
        void rejects_exiting_on_an_event_it_pauses_on() {
            CadenceBuilder builder = Cadence.collection("card-late").pauseOn(PROMISE_TO_PAY);

            assertThatIllegalStateException().isThrownBy(() -> builder.exitOn(PROMISE_TO_PAY))
                    .withMessage("cadence 'card-late' pauses on PROMISE_TO_PAY, so it cannot also exit on it");
        }

        @Test
        void rejects_the_same_exit_event_twice() {
            CadenceBuilder builder = Cadence.collection("card-late").exitOn(PAYMENT_RECEIVED);

            assertThatIllegalStateException().isThrownBy(() -> builder.exitOn(OPT_OUT, PAYMENT_RECEIVED))
                    .withMessage("cadence 'card-late' already exits on PAYMENT_RECEIVED");
        }

        @Test
        void a_refused_exit_event_leaves_the_builder_unchanged() {
            CadenceBuilder builder = Cadence.collection("card-late").pauseOn(PROMISE_TO_PAY)
                    .step("d2-sms").at(days(2)).sms("late");
            assertThatIllegalStateException().isThrownBy(() -> builder.exitOn(PROMISE_TO_PAY));

            assertThat(builder.build().exitOn()).isEmpty();
        }

        @Test
        void rejects_two_channels_on_one_step() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2)).sms("late");

            assertThatIllegalStateException().isThrownBy(() -> builder.email("late"))
                    .withMessage("step 'd2-sms' already sends via SMS, not also EMAIL");
        }

        @Test
        void rejects_two_timings_on_one_step() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2));

            assertThatIllegalStateException().isThrownBy(() -> builder.after(Duration.ofHours(1)))
                    .withMessage("step 'd2-sms' already has a timing");
        }

        @Test
        void rejects_a_step_option_before_any_step() {
            CadenceBuilder builder = Cadence.collection("card-late");

            assertThatIllegalStateException().isThrownBy(() -> builder.sms("late"))
                    .withMessage("cadence 'card-late': sms(...) applies to a step; call step(id) first");
            assertThatIllegalStateException().isThrownBy(() -> builder.with("name", "Ana"))
                    .withMessage("cadence 'card-late': with(...) applies to a step; call step(id) first");
        }

        @Test
        void names_the_method_called_when_a_step_option_comes_before_any_step() {
            CadenceBuilder builder = Cadence.collection("card-late");

            assertThatIllegalStateException().isThrownBy(() -> builder.at(days(2)))
                    .withMessage("cadence 'card-late': at(...) applies to a step; call step(id) first");
            assertThatIllegalStateException().isThrownBy(() -> builder.outboundIvr("negotiate"))
                    .withMessage("cadence 'card-late': outboundIvr(...) applies to a step; call step(id) first");
            assertThatIllegalStateException().isThrownBy(() -> builder.onKey('1', stop()))
                    .withMessage("cadence 'card-late': onKey(...) applies to a step; call step(id) first");
        }

        @Test
        void rejects_a_second_anchor() {
            CadenceBuilder builder = Cadence.collection("card-late").anchoredOn(Anchor.DUE_DATE);

            assertThatIllegalStateException().isThrownBy(() -> builder.anchoredOn(Anchor.ENROLMENT))
                    .withMessage("cadence 'card-late' anchor was already set to DUE_DATE");
        }

        @Test
        void rejects_a_template_variable_set_twice() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2)).sms("late")
                    .with("discount", "10%");

            assertThatIllegalStateException().isThrownBy(() -> builder.with("discount", "20%"))
                    .withMessage("step 'd2-sms' variable 'discount' was already set");
        }

        @Test
        void rejects_an_invalid_cadence_id() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Cadence.collection("card late").step("d2").at(days(2)).sms("late").build())
                    .withMessage("cadence id must be letters, digits and _ . - (starting with a letter or digit), but was 'card late'");
        }

        @Test
        void rejects_version_zero() {
            CadenceBuilder builder = Cadence.collection("card-late").version(0).step("d2").at(days(2)).sms("late");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("cadence 'card-late' version must be at least 1, but was 0");
        }

        @Test
        void rejects_a_horizon_of_zero_days() {
            CadenceBuilder builder = Cadence.sales("cart").horizon(0).step("d0").at(days(0)).sms("offer");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("cadence 'cart' horizon must be at least 1 day, but was 0 days");
        }

        @Test
        void rejects_a_zero_max_lateness() {
            CadenceBuilder builder = Cadence.sales("cart").maxLateness(Duration.ZERO).step("d0").at(days(0)).sms("offer");

            assertThatIllegalArgumentException().isThrownBy(builder::build)
                    .withMessage("cadence 'cart' max lateness must be positive, but was PT0S");
        }

        @Test
        void rejects_a_negative_re_entry_window() {
            assertThatIllegalArgumentException().isThrownBy(() -> ReEntry.after(Duration.ofHours(-1)))
                    .withMessage("re-entry window must not be negative, but was PT-1H");
        }

        @Test
        void rejects_a_cadence_kind_that_is_not_an_upper_case_identifier() {
            assertThatIllegalArgumentException().isThrownBy(() -> CadenceKind.of("onboarding"))
                    .withMessage("cadence kind must be an upper-case identifier, but was 'onboarding'");
            assertThatIllegalArgumentException().isThrownBy(() -> CadenceKind.of("1ST_CONTACT"))
                    .withMessage("cadence kind must be an upper-case identifier, but was '1ST_CONTACT'");
        }

        @Test
        void rejects_an_unnamed_custom_event_anchor() {
            assertThatIllegalArgumentException().isThrownBy(() -> Anchor.customEvent(""))
                    .withMessage("an anchor on a CUSTOM event needs the event name");
        }

        @Test
        void rejects_an_event_on_an_anchor_that_is_not_an_event_anchor() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Anchor(Anchor.Type.DUE_DATE, OPT_OUT, null))
                    .withMessage("only an EVENT anchor names an event, but DUE_DATE named OPT_OUT");
        }
    }

    @Nested
    class ValidCadences {

        @Test
        void card_late_builds_with_its_five_steps_in_order() {
            Cadence cardLate = Fixtures.cardLate();

            assertThat(cardLate.steps()).extracting(Step::id)
                    .containsExactly("d-3-email", "d0-sms", "d2-voice", "d5-ivr", "d10-agent");
            assertThat(cardLate.ref()).isEqualTo("card-late@1");
            assertThat(cardLate.kind()).isEqualTo(CadenceKind.COLLECTION);
            assertThat(cardLate.purpose()).isEqualTo(Purpose.COLLECTION);
            assertThat(cardLate.anchor()).isEqualTo(Anchor.DUE_DATE);
            assertThat(cardLate.exitOn()).containsExactly(PAYMENT_RECEIVED);
            assertThat(cardLate.pauseOn()).containsExactly(PROMISE_TO_PAY);
            assertThat(cardLate.step("d10-agent").orElseThrow().when()).contains(segment("high-balance"));
            assertThat(cardLate.step("d10-agent").orElseThrow().action())
                    .isEqualTo(new ChannelAction(AGENT, "collections", null, "collections"));
        }

        @Test
        void building_twice_gives_equal_cadences() {
            CadenceBuilder builder = Cadence.collection("card-late")
                    .step("d2-sms").at(days(2)).sms("late").with("discount", "10%").onReply("pago", convert());

            Cadence first = builder.build();
            Cadence second = builder.build();

            assertThat(second).isEqualTo(first).isNotSameAs(first);
        }

        @Test
        void later_builder_calls_do_not_change_a_built_cadence() {
            CadenceBuilder builder = Cadence.collection("card-late").step("d2-sms").at(days(2)).sms("late");
            Cadence first = builder.build();

            builder.with("discount", "10%").fallbackTo(WHATSAPP, "late-wa").exitOn(PAYMENT_RECEIVED)
                    .step("d5-sms").at(days(5)).sms("later");

            assertThat(first.steps()).hasSize(1);
            assertThat(first.steps().get(0).action().variables()).isEmpty();
            assertThat(first.steps().get(0).fallbacks()).isEmpty();
            assertThat(first.exitOn()).isEmpty();
            assertThat(builder.build().steps()).hasSize(2);
        }

        @Test
        void default_horizon_is_the_last_offset_plus_thirty_days() {
            assertThat(Fixtures.cardLate().horizonDays()).isEqualTo(10 + 30);
        }

        @Test
        void default_horizon_counts_from_day_zero_when_all_offsets_are_before_it() {
            Cadence reminder = Cadence.collection("reminder").step("d-3").at(days(-3)).email("reminder-due").build();

            assertThat(reminder.horizonDays()).isEqualTo(30);
        }

        @Test
        void explicit_horizon_replaces_the_default() {
            Cadence cadence = Cadence.collection("card-late").horizon(60).step("x").at(days(60)).agentCall("collections")
                    .build();

            assertThat(cadence.horizonDays()).isEqualTo(60);
        }

        @Test
        void next_timed_skips_reaction_steps_and_index_of_finds_steps_by_id() {
            Cadence cadence = Cadence.sales("cart")
                    .step("d0").at(days(0)).whatsapp("cart-reminder")
                    .step("clicked").on(LINK_CLICKED).sms("thanks")
                    .step("d2").at(days(2)).email("cart-last-call")
                    .build();

            assertThat(cadence.indexOf("d0")).isZero();
            assertThat(cadence.indexOf("clicked")).isEqualTo(1);
            assertThat(cadence.indexOf("d2")).isEqualTo(2);
            assertThat(cadence.indexOf("missing")).isEqualTo(-1);
            assertThat(cadence.nextTimed(-1)).isZero();
            assertThat(cadence.nextTimed(0)).isZero();
            assertThat(cadence.nextTimed(1)).isEqualTo(2);
            assertThat(cadence.nextTimed(3)).isEqualTo(-1);
            assertThat(cadence.step("clicked").orElseThrow().isReaction()).isTrue();
            assertThat(cadence.step("missing")).isEmpty();
        }

        @Test
        void reply_keywords_are_trimmed_and_upper_cased() {
            assertThat(new Branch.Trigger.Reply(" quero ").keyword()).isEqualTo("QUERO");
        }
    }

    @Nested
    class CustomersAndSubjects {

        @Test
        void rejects_a_phone_without_the_plus_and_country_code() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.phone("11987654321"))
                    .withMessage("phone number must be in E.164 form (+ and 7 to 15 digits), but was '11987654321'");
        }

        @Test
        void rejects_a_phone_with_letters() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.phone("+55abc"))
                    .withMessage("phone number must be in E.164 form (+ and 7 to 15 digits), but was '+55abc'");
        }

        @Test
        void rejects_a_whatsapp_number_that_is_too_short() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.whatsapp("+55119"))
                    .withMessage("whatsapp number must be in E.164 form (+ and 7 to 15 digits), but was '+55119'");
        }

        @Test
        void accepts_an_e164_phone_and_strips_spaces_around_it() {
            assertThat(ContactPoint.phone(" +5511987654321 ").value()).isEqualTo("+5511987654321");
        }

        @Test
        void rejects_an_email_without_an_at_sign() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.email("ana.example.com"))
                    .withMessage("e-mail address must contain one '@', but was 'ana.example.com'");
        }

        @Test
        void rejects_an_email_with_two_at_signs() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.email("ana@example@com"))
                    .withMessage("e-mail address must contain one '@', but was 'ana@example@com'");
        }

        @Test
        void rejects_a_blank_contact_point() {
            assertThatIllegalArgumentException().isThrownBy(() -> ContactPoint.email(" "))
                    .withMessage("contact point of type EMAIL must have a value, but was ' '");
        }

        @Test
        void customer_builder_rejects_a_bad_phone_when_it_is_added() {
            Customer.Builder builder = Customer.builder("c-1").name("Ana");

            assertThatIllegalArgumentException().isThrownBy(() -> builder.phone("11987654321"))
                    .withMessage("phone number must be in E.164 form (+ and 7 to 15 digits), but was '11987654321'");
        }

        @Test
        void rejects_a_blank_customer_id() {
            assertThatIllegalArgumentException().isThrownBy(() -> Customer.builder(" ").build())
                    .withMessage("customer id must not be blank, but was ' '");
        }

        @Test
        void rejects_a_blank_segment_tag() {
            assertThatIllegalArgumentException().isThrownBy(() -> Customer.builder("c-1").segments("vip", " ").build())
                    .withMessage("customer 'c-1' has a blank segment tag");
        }

        @Test
        void rejects_a_negative_debt() {
            LocalDate due = LocalDate.of(2026, 3, 10);

            assertThatIllegalArgumentException().isThrownBy(() -> Debt.of("inv-9", Money.brl("-0.01"), due))
                    .withMessage("debt 'inv-9' amount must not be negative, but was BRL -0.01");
        }

        @Test
        void rejects_a_blank_subject_key() {
            LocalDate due = LocalDate.of(2026, 3, 10);

            assertThatIllegalArgumentException().isThrownBy(() -> Debt.of("", Money.brl("500.00"), due))
                    .withMessage("subject key must not be blank, but was ''");
        }

        @Test
        void rejects_adding_money_in_different_currencies() {
            Money reais = Money.brl("500.00");
            Money dollars = Money.of("100.00", "USD");

            assertThatIllegalArgumentException().isThrownBy(() -> reais.plus(dollars))
                    .withMessage("cannot combine BRL with USD");
            assertThatIllegalArgumentException().isThrownBy(() -> dollars.minus(reais))
                    .withMessage("cannot combine USD with BRL");
            assertThatIllegalArgumentException().isThrownBy(() -> reais.compareTo(dollars))
                    .withMessage("cannot combine BRL with USD");
        }

        @Test
        void adds_money_in_one_currency_and_compares_values_ignoring_scale() {
            Money sum = Money.brl("499.99").plus(Money.brl("0.01"));

            assertThat(sum).isEqualTo(Money.brl("500.00"));
            assertThat(sum.sameValueAs(Money.brl("500"))).isTrue();
            assertThat(sum).isNotEqualTo(Money.brl("500"));
        }
    }
}
