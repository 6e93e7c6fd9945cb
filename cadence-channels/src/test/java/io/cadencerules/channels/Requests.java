package io.cadencerules.channels;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.journey.JourneyId;

import java.util.Map;

/** Contact requests for adapter tests. */
public final class Requests {

    private Requests() {
    }

    public static ContactRequest sms(String phone, Map<String, Object> variables) {
        Customer ana = Fixtures.customer("c-1", phone);
        JourneyId id = new JourneyId("c-1", "inv-9", "sms-voice-email", 1);
        return new ContactRequest(id + "/d0-sms/SMS/1", id, "d0-sms", 1, Channel.SMS, ContactPoint.phone(phone), "due-today",
                variables, "", Map.of(), ana, Fixtures.debt(), Fixtures.DUE.atTime(9, 0).atZone(Fixtures.SAO_PAULO).toInstant());
    }

    public static ContactRequest email(String address) {
        Customer ana = Customer.builder("c-2").name("Ana Souza").email(address).zone(Fixtures.SAO_PAULO).build();
        JourneyId id = new JourneyId("c-2", "inv-9", "sms-voice-email", 1);
        return new ContactRequest(id + "/d3-email/EMAIL/1", id, "d3-email", 1, Channel.EMAIL, ContactPoint.email(address),
                "late-email", Map.of(), "", Map.of(), ana, Fixtures.debt(), Fixtures.DUE.atTime(9, 0).atZone(Fixtures.SAO_PAULO).toInstant());
    }
}
