package io.cadencerules.store.jdbc;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.Journey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCodecTest {

    @Test
    void every_kind_of_journey_comes_back_equal() throws Exception {
        for (Subject subject : Samples.subjects()) {
            for (Journey journey : new Journey[] {Samples.active(subject, 7), Samples.converted(subject)}) {
                String json = PayloadCodec.write(journey);
                assertThat(PayloadCodec.readJourney(json)).as(json).isEqualTo(journey);
                assertThat(PayloadCodec.write(PayloadCodec.readJourney(json))).as("written the same way again").isEqualTo(json);
            }
        }
    }

    @Test
    void money_keeps_its_scale_and_instants_their_nanoseconds() throws Exception {
        Journey journey = Samples.active(Samples.subjects().get(0), 1);
        String json = PayloadCodec.write(journey);
        assertThat(json).contains("\"amount\":\"1234.50\"", "\"amount\":\"0.0050\"", "\"amount\":\"1E-7\"",
                "\"dueAt\":\"2026-03-01T12:00:00.246913578Z\"", "\"zone\":\"America/Manaus\"");
        Journey back = PayloadCodec.readJourney(json);
        assertThat(back.spent().amount().scale()).isEqualTo(4);
        assertThat(back.dueAt().getNano()).isEqualTo(246_913_578);
    }

    @Test
    void every_kind_of_customer_comes_back_equal() throws Exception {
        Customer full = Samples.full();
        assertThat(PayloadCodec.readCustomer(PayloadCodec.write(full))).isEqualTo(full);
        for (Customer customer : Samples.others()) {
            String json = PayloadCodec.write(customer);
            Customer back = PayloadCodec.readCustomer(json);
            assertThat(back).as(json).isEqualTo(customer);
            assertThat(back.locale()).as(json).isEqualTo(customer.locale());
        }
        assertThat(PayloadCodec.write(Samples.others().get(1))).contains("\"locale\":\"java:no_NO_NY\"");
    }

    @Test
    void an_unreadable_payload_is_refused_with_the_json_path_of_the_problem() {
        String good = PayloadCodec.write(Samples.active(Samples.subjects().get(0), 1));
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"kind\":\"SENT\"", "\"kind\":\"SENDT\"")))
                .isInstanceOf(PayloadCodec.PayloadException.class).hasMessage("$.history[1]: unknown Kind 'SENDT'");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"format\":1", "\"format\":2")))
                .hasMessage("$.format: this library reads payload format 1, but was 2");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"status\":\"ACTIVE\",", "")))
                .hasMessage("$.status: status is missing");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"zone\":\"America/Manaus\"", "\"zone\":\"Mars/Olympus\"")))
                .hasMessage("$.zone: Unknown time-zone ID: Mars/Olympus");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"delayDays\":2", "\"delayDays\":-2")))
                .hasMessage("$: journey c-1/inv-1/card-late#3 delay must not be negative, but was -2 days");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"amount\":\"1234.50\"", "\"amount\":\"12,50\"")))
                .hasMessage("$.subject: amount must be a decimal number, but was '12,50'");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("{\"format\":1,", "{\"format\":1,\"surprise\":true,")))
                .hasMessageStartingWith("$.surprise: Unrecognized field \"surprise\"");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.replace("\"run\":3", "\"run\":\"three\"")))
                .hasMessageStartingWith("$.run: Cannot deserialize value of type `int` from String \"three\"");
        assertThatThrownBy(() -> PayloadCodec.readJourney(good.substring(0, 40)))
                .hasMessageStartingWith("$: Unexpected end-of-input");
        assertThatThrownBy(() -> PayloadCodec.readCustomer(PayloadCodec.write(Samples.full()).replace("\"PHONE\"", "\"FAX\"")))
                .hasMessage("$.contactPoints[0]: unknown Type 'FAX'");
    }
}
