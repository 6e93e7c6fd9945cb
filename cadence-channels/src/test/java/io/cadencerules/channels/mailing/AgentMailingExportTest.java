package io.cadencerules.channels.mailing;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.Journey;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentMailingExportTest {

    private final Cadence cadence = Cadence.collection("late")
            .anchoredOn(Anchor.DUE_DATE)
            .step("d1-sms").at(days(1), LocalTime.of(9, 0)).twoWaySms("late-sms").onReply("QUERO", handOffToAgent("negotiation"))
            .step("d3-email").at(days(3), LocalTime.of(10, 0)).email("late-email")
            .exitOn(PAYMENT_RECEIVED)
            .build();
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final List<Journey> journeys = new ArrayList<>();
    private CadenceHarness h;

    @BeforeEach
    void run() {
        h = CadenceHarness.startingAt(Fixtures.START).build();
        for (int i = 1; i <= 7; i++) {
            String id = "c-" + i;
            Customer c = Customer.builder(id).name(i == 2 ? "=cmd|' /C calc'!A0" : "Cliente " + i)
                    .phone("+55119876543" + (10 + i)).email(id + "@example.com").zone(Fixtures.SAO_PAULO).build();
            if (i == 7) {
                c = Customer.builder(id).name("Sem Telefone").email(id + "@example.com").zone(Fixtures.SAO_PAULO).build();
            }
            customers.put(id, c);
            h.enroll(c, Fixtures.debt(), cadence);
        }
        h.advanceTo(Fixtures.DUE.plusDays(1).atTime(12, 0), Fixtures.SAO_PAULO);
        h.deliver(h.events().replied("c-1", "inv-9", TWO_WAY_SMS, "quero"));        // hand-off
        h.deliver(h.events().replied("c-2", "inv-9", TWO_WAY_SMS, "Sim, pode ligar")); // positive reply
        h.deliver(h.events().replied("c-4", "inv-9", TWO_WAY_SMS, "Não"));           // negative
        h.advanceTo(Fixtures.DUE.plusDays(3).atTime(15, 0), Fixtures.SAO_PAULO);
        h.deliver(h.events().clicked("c-3", "inv-9", "https://pague.example/inv-9")); // click
        h.deliver(h.events().clicked("c-5", "inv-9", "https://pague.example/inv-9")); // clicked, then said no
        h.deliver(h.events().replied("c-5", "inv-9", TWO_WAY_SMS, "Não"));
        h.deliver(h.events().clicked("c-6", "inv-9", "https://pague.example/inv-9"));
        h.deliver(h.events().paid("c-6", "inv-9", Money.brl("1234.56")));              // clicked, then paid
        h.deliver(h.events().clicked("c-7", "inv-9", "https://pague.example/inv-9"));  // no phone
        h.advance(Duration.ofHours(1));
        customers.values().forEach(c -> journeys.add(h.journey(c, Fixtures.debt(), cadence)));
    }

    private AgentMailing export(PhoneDisplay display) {
        return AgentMailingExport.builder(h.clock()).phones(display).build().export(journeys, id -> Optional.ofNullable(customers.get(id)));
    }

    @Test
    void only_hand_offs_positive_replies_and_clicks_make_the_list() {
        AgentMailing mailing = export(PhoneDisplay.MASKED);

        assertThat(mailing.entries()).extracting(MailingEntry::customerId, MailingEntry::interest)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c-3", Interest.CLICK),
                        org.assertj.core.groups.Tuple.tuple("c-1", Interest.HAND_OFF),
                        org.assertj.core.groups.Tuple.tuple("c-2", Interest.POSITIVE_REPLY));
        assertThat(mailing.skipped()).containsExactly("journey c-7/inv-9/late#1: customer 'c-7' has no phone");
    }

    @Test
    void each_entry_carries_what_the_agent_needs() {
        MailingEntry handOff = export(PhoneDisplay.MASKED).entries().get(1);

        assertThat(handOff.phone()).isEqualTo("+55 11 9****-4311");
        assertThat(handOff.subjectKey()).isEqualTo("inv-9");
        assertThat(handOff.amount()).isEqualTo(Money.brl("1234.56"));
        assertThat(handOff.daysPastDue()).isEqualTo(3L);
        assertThat(handOff.interestDetail()).isEqualTo("queue negotiation from step d1-sms");
        assertThat(handOff.lastContacts()).isEqualTo(
                "11/03/2026 09:00 TWO_WAY_SMS d1-sms; 11/03/2026 12:00 AGENT d1-sms; 13/03/2026 10:00 EMAIL d3-email");
        assertThat(export(PhoneDisplay.FULL).entries().get(1).phone()).isEqualTo("+5511987654311");
    }

    @Test
    void csv_follows_rfc_4180_and_defuses_formulas() {
        String csv = export(PhoneDisplay.MASKED).toCsv();
        String[] lines = csv.split("\r\n", -1);

        assertThat(lines[0]).isEqualTo("customer_id,name,phone,subject_key,cadence_id,amount,currency,days_past_due,interest,"
                + "interest_detail,interest_at,last_contacts");
        assertThat(lines[3]).isEqualTo("c-2,'=cmd|' /C calc'!A0,+55 11 9****-4312,inv-9,late,1234.56,BRL,3,POSITIVE_REPLY,"
                + "\"replied 'Sim, pode ligar' via TWO_WAY_SMS\",2026-03-11T15:00:00Z,11/03/2026 09:00 TWO_WAY_SMS d1-sms; "
                + "13/03/2026 10:00 EMAIL d3-email");
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).isEmpty();
        assertThat(AgentMailing.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AgentMailing.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void json_has_the_same_content() {
        String json = export(PhoneDisplay.MASKED).toJson();
        assertThat(json).contains("\"customerId\" : \"c-3\"", "\"interest\" : \"CLICK\"",
                "\"interestDetail\" : \"clicked https://pague.example/inv-9\"",
                "\"amount\" : {", "\"value\" : \"1234.56\"", "\"currency\" : \"BRL\"", "\"daysPastDue\" : 3");
    }

    @Test
    void negative_replies_are_configurable_and_options_are_checked() {
        AgentMailing strict = AgentMailingExport.builder(h.clock()).negativeReplies(java.util.Set.of("sim, pode ligar")).build()
                .export(journeys, id -> Optional.ofNullable(customers.get(id)));
        // with "não" no longer a refusal, c-5 (clicked, then replied "Não") is interested again
        assertThat(strict.entries()).extracting(MailingEntry::customerId).containsExactly("c-3", "c-5", "c-1", "c-4");
        assertThatThrownBy(() -> AgentMailingExport.builder(h.clock()).lastContacts(21))
                .hasMessage("mailing last contacts must be between 0 and 20, but was 21");
    }
}
