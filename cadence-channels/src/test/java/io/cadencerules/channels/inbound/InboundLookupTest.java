package io.cadencerules.channels.inbound;

import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.channel.Channel;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.cadencerules.channels.typed.TypedRigAccess.CADENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundLookupTest {

    private final CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
    private final PhoneIndex index = new PhoneIndex();
    private final InboundLookup lookup = InboundLookup.of(h.engine(), index);

    private Customer customer(String id, String phone) {
        Customer c = Customer.builder(id).name("Ana Souza").phone(phone).email(id + "@example.com")
                .zone(Fixtures.SAO_PAULO).build();
        index.add(c);
        return c;
    }

    @Test
    void calling_number_finds_the_live_journeys_and_routes_to_the_hand_off_queue_of_the_last_contact() {
        Customer ana = customer("c-1", "+5511987654321");
        h.enroll(ana, Fixtures.debt(), CADENCE);
        h.enroll(ana, Debt.of("inv-10", Money.brl("80.00"), LocalDate.of(2026, 3, 20)), Fixtures.smsVoiceEmail());
        h.advanceTo(Fixtures.DUE.plusDays(1).atTime(12, 0), Fixtures.SAO_PAULO);

        InboundAnswer answer = lookup.lookup("(11) 98765-4321");

        assertThat(answer.e164()).isEqualTo("+5511987654321");
        assertThat(answer.customerIds()).containsExactly("c-1");
        assertThat(answer.journeys()).extracting(LiveJourney::cadenceId).containsExactly("typed", "sms-voice-email");
        LiveJourney top = answer.primary().orElseThrow();
        assertThat(top.kind()).isEqualTo(CadenceKind.COLLECTION);
        assertThat(top.last().orElseThrow().stepId()).isEqualTo("d1-2way");
        assertThat(top.pendingStep()).contains("d2-wa");
        assertThat(top.lastContactHandOffQueue()).isEqualTo("negotiation");
        assertThat(answer.routing()).isEqualTo(new Routing(Routing.Kind.AGENT_QUEUE, "negotiation",
                "journey c-1/inv-9/typed#1 last contacted the customer by TWO_WAY_SMS (step 'd1-2way' at 2026-03-11T12:00:00Z),"
                        + " whose answer hands off to queue 'negotiation'"));
    }

    @Test
    void collection_journey_without_a_hand_off_suggests_a_payment_prompt() {
        h.enroll(customer("c-2", "+5511987650002"), Fixtures.debt(), Fixtures.smsVoiceEmail());
        h.advanceTo(Fixtures.DUE.atTime(12, 0), Fixtures.SAO_PAULO);

        InboundAnswer answer = lookup.lookup("+5511987650002");

        assertThat(answer.primary().orElseThrow().last().orElseThrow().channel()).isEqualTo(Channel.SMS);
        assertThat(answer.routing()).isEqualTo(new Routing(Routing.Kind.PAYMENT_PROMPT, "inv-9",
                "collection journey c-2/inv-9/sms-voice-email#1: R$ 1.234,56 due 10/03/2026"));
    }

    @Test
    void ended_journeys_are_not_live_and_leave_the_ordinary_menu() {
        h.enroll(customer("c-3", "+5511987650003"), Fixtures.debt(), Fixtures.smsVoiceEmail());
        h.advanceTo(Fixtures.DUE.atTime(12, 0), Fixtures.SAO_PAULO);
        h.deliver(h.events().paid("c-3", "inv-9", Money.brl("1234.56")));

        InboundAnswer answer = lookup.lookup("+5511987650003");

        assertThat(answer.known()).isTrue();
        assertThat(answer.journeys()).isEmpty();
        assertThat(answer.routing()).isEqualTo(new Routing(Routing.Kind.SELF_SERVICE, "", "no live journey for customer(s) [c-3]"));
    }

    @Test
    void shared_number_gives_every_owners_journeys_oldest_due_date_first() {
        h.enroll(customer("c-4", "+5511987650004"), Debt.of("inv-40", Money.brl("50.00"), LocalDate.of(2026, 3, 15)),
                Fixtures.smsVoiceEmail());
        h.enroll(customer("c-5", "+5511987650004"), Fixtures.debt(), Fixtures.smsVoiceEmail());

        InboundAnswer answer = lookup.lookup("+5511987650004");

        assertThat(answer.customerIds()).containsExactly("c-4", "c-5");
        assertThat(answer.journeys()).extracting(j -> j.id().customerId(), LiveJourney::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-5", JourneyStatus.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple("c-4", JourneyStatus.ACTIVE));
        assertThat(answer.routing().target()).isEqualTo("inv-9");
    }

    @Test
    void unknown_invalid_and_hidden_numbers_are_answered_not_thrown() {
        assertThat(lookup.lookup("+5511987650000").routing().reason()).isEqualTo("no customer is known for +55 11 9****-0000");

        InboundAnswer invalid = lookup.lookup("+5520987654321");
        assertThat(invalid.problem()).isEqualTo("phone +55 20 9****-4321 has DDD 20, which does not exist");
        assertThat(invalid.routing().kind()).isEqualTo(Routing.Kind.SELF_SERVICE);

        assertThat(lookup.lookup("").problem()).isEqualTo("the calling number is hidden");
    }

    @Test
    void phone_index_replaces_a_customers_numbers_and_refuses_non_e164() {
        index.add(Customer.builder("c-6").phone("+5511987650006").whatsapp("+5511987650066").build());
        index.add(Customer.builder("c-6").phone("+5511987650007").build());

        assertThat(index.customerIds("+5511987650006")).isEmpty();
        assertThat(index.customerIds("+5511987650066")).isEmpty();
        assertThat(index.customerIds("+5511987650007")).isEqualTo(List.of("c-6"));
        assertThatThrownBy(() -> index.put("11987650007", "c-6"))
                .hasMessage("phone index number must be in E.164 form (+ and 7 to 15 digits), but was '11987650007'");
    }
}
