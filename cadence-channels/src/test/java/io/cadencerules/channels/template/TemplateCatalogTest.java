package io.cadencerules.channels.template;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.JourneyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCatalogTest {

    private static ContactRequest request(String stepId, Channel channel, String templateId, Map<String, Object> vars,
                                          Subject subject, Instant at) {
        Customer ana = Fixtures.customer("c-1", "+5511987654321");
        return new ContactRequest("k-1", new JourneyId("c-1", subject.key(), "sms-voice-email", 1), stepId, 1, channel,
                channel == Channel.EMAIL ? ContactPoint.email("ana.souza@example.com") : ContactPoint.phone("+5511987654321"),
                templateId, vars, "", Map.of(), ana, subject, at);
    }

    @Test
    void formats_money_and_dates_the_brazilian_way() {
        assertThat(PtBr.money(Money.brl("1234.56"))).isEqualTo("R$ 1.234,56");
        assertThat(PtBr.money(Money.brl("1234567.5"))).isEqualTo("R$ 1.234.567,50");
        assertThat(PtBr.money(Money.brl("0.125"))).isEqualTo("R$ 0,13");
        assertThat(PtBr.money(Money.of("10", "USD"))).isEqualTo("USD 10,00");
        assertThat(PtBr.date(LocalDate.of(2026, 3, 5))).isEqualTo("05/03/2026");
    }

    @Test
    void renders_the_standard_context_of_a_debt_in_pt_br() {
        TemplateCatalog catalog = TemplateCatalog.builder().classpath("templates/collection").build();
        // 2026-03-13 10:00 in São Paulo: three days after the due date
        Instant at = LocalDateTime.of(2026, 3, 13, 10, 0).atZone(Fixtures.SAO_PAULO).toInstant();

        assertThat(catalog.render(request("d0-sms", Channel.SMS, "due-today", Map.of(), Fixtures.debt(), at)))
                .isEqualTo("Ana, sua fatura inv-9 de R$ 1.234,56 vence hoje (10/03/2026). Pague pelo app.");
        assertThat(catalog.render(request("d2-voice", Channel.VOICE_BLAST, "late-notice", Map.of(), Fixtures.debt(), at)))
                .isEqualTo("Ola Ana. Sua fatura esta atrasada ha 3 dias.");
    }

    @Test
    void html_templates_escape_values_and_text_templates_do_not() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .html("mail", "<p>{{offer}}</p>")
                .template("sms", "{{offer}}")
                .build();
        Instant at = Fixtures.START;
        Map<String, Object> vars = Map.of("offer", "Pix & boleto <hoje>");
        assertThat(catalog.render(request("s", Channel.EMAIL, "mail", vars, Fixtures.debt(), at)))
                .isEqualTo("<p>Pix &amp; boleto &lt;hoje&gt;</p>");
        assertThat(catalog.render(request("s", Channel.SMS, "sms", vars, Fixtures.debt(), at))).isEqualTo("Pix & boleto <hoje>");
    }

    @Test
    void a_section_guarded_by_its_own_variable_is_optional() {
        TemplateCatalog catalog = TemplateCatalog.builder().classpath("templates/collection").build();
        assertThat(catalog.template("late-email").orElseThrow().variables()).containsExactly("customerName", "amount");
        assertThat(catalog.render(request("d3", Channel.EMAIL, "late-email", Map.of(), Fixtures.debt(), Fixtures.START)))
                .isEqualTo("<p>Prezado(a) Ana Souza,</p><p>Valor: R$ 1.234,56</p>");
        assertThat(catalog.render(request("d3", Channel.EMAIL, "late-email", Map.of("pix", "abc"), Fixtures.debt(), Fixtures.START)))
                .isEqualTo("<p>Prezado(a) Ana Souza,</p><p>Valor: R$ 1.234,56 - Pix: abc</p>");
    }

    @Test
    void a_cadence_whose_templates_and_variables_exist_validates() {
        TemplateCatalog catalog = TemplateCatalog.builder().classpath("templates/collection").build();
        assertThatCode(() -> catalog.validate(Fixtures.smsVoiceEmail())).doesNotThrowAnyException();
    }

    @Test
    void the_engine_refuses_to_register_a_cadence_whose_template_variable_is_missing() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("due-today", "{{firstName}}, pague {{amount}} com o Pix {{pixCode}}.")
                .template("late-notice", "Atraso de {{daysPastDue}} dias")
                .template("late-email", "{{customerName}}")
                .build();
        io.cadencerules.testkit.CadenceHarness h = io.cadencerules.testkit.CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.validator(catalog)).build();

        assertThatThrownBy(() -> h.engine().enroll(Fixtures.customer("c-1", "+5511987654321"), Fixtures.debt(),
                Fixtures.smsVoiceEmail()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template 'due-today' used by step 'd0-sms' (SMS) refers to variable 'pixCode'");
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void a_missing_variable_fails_at_validation_naming_template_step_and_variable() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("due-today", "{{firstName}}, pague {{amount}} com o Pix {{pixCode}}.")
                .template("late-notice", "Atraso de {{daysPastDue}} dias")
                .template("late-email", "{{customerName}}")
                .build();

        assertThatThrownBy(() -> catalog.validate(Fixtures.smsVoiceEmail()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cadence 'sms-voice-email' does not match the template catalog: template 'due-today' used by step"
                        + " 'd0-sms' (SMS) refers to variable 'pixCode', which is neither a standard variable for a Debt nor"
                        + " one of the step's variables []");
    }

    @Test
    void a_step_variable_provides_what_the_template_needs() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("due-today", "Pix {{pixCode}}")
                .template("late-notice", "x")
                .template("late-email", "y")
                .build();
        Cadence cadence = Cadence.collection("with-pix").anchoredOn(Anchor.DUE_DATE)
                .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due-today").with("pixCode", "00020126")
                .step("d2-voice").at(days(2)).voiceBlast("late-notice")
                .build();
        assertThatCode(() -> catalog.validate(cadence)).doesNotThrowAnyException();
        assertThat(catalog.render(request("d0-sms", Channel.SMS, "due-today", Map.of("pixCode", "00020126"), Fixtures.debt(),
                Fixtures.START))).isEqualTo("Pix 00020126");
    }

    @Test
    void unknown_templates_and_subject_specific_variables_are_reported_together() {
        TemplateCatalog catalog = TemplateCatalog.builder().template("due-today", "{{amount}} {{dueDate}}").build();
        assertThatThrownBy(() -> catalog.validate(Fixtures.smsVoiceEmail(), Appointment.class))
                .hasMessage("cadence 'sms-voice-email' does not match the template catalog: template 'due-today' used by step"
                        + " 'd0-sms' (SMS) refers to variable 'amount', which is neither a standard variable for a Appointment"
                        + " nor one of the step's variables []; template 'due-today' used by step 'd0-sms' (SMS) refers to"
                        + " variable 'dueDate', which is neither a standard variable for a Appointment nor one of the step's"
                        + " variables []; step 'd2-voice' (VOICE_BLAST) uses template 'late-notice', which is not in the"
                        + " catalog; step 'd3-email' (EMAIL) uses template 'late-email', which is not in the catalog");
    }

    @Test
    void agent_steps_are_not_checked_unless_covered() {
        Cadence cadence = Cadence.collection("agent").anchoredOn(Anchor.DUE_DATE)
                .step("d10-agent").at(days(10)).agentCall("collections").build();
        assertThatCode(() -> TemplateCatalog.builder().template("x", "x").build().validate(cadence)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x", "x").covers(Channel.AGENT).build().validate(cadence))
                .hasMessageContaining("step 'd10-agent' (AGENT) uses template 'collections', which is not in the catalog");
    }

    @Test
    void rendering_without_validation_fails_with_the_variable_named() {
        TemplateCatalog catalog = TemplateCatalog.builder().template("t", "Hora: {{appointmentTime}}").build();
        assertThatThrownBy(() -> catalog.render(request("s1", Channel.SMS, "t", Map.of(), Fixtures.debt(), Fixtures.START)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("template 't' used by step 's1' (SMS) refers to variable 'appointmentTime', which the request does"
                        + " not provide (validate the cadence against the catalog)");
        Appointment visit = new Appointment("visit-1", LocalDateTime.of(2026, 3, 20, 14, 30), "Loja Centro");
        assertThat(catalog.render(request("s1", Channel.SMS, "t", Map.of(), visit, Fixtures.START))).isEqualTo("Hora: 14:30");
    }

    @Test
    void bad_sources_fail_when_registered() {
        assertThatThrownBy(() -> TemplateCatalog.builder().template("t", "{{#open}} never closed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template 't' does not compile: ");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("t", "{{> header}}"))
                .hasMessage("template 't' uses partial or block '> header', which the catalog does not support");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("t", "a").template("t", "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("template 't' is already registered");
        assertThatThrownBy(() -> TemplateCatalog.builder().classpath("templates/nowhere"))
                .hasMessage("template index not found on the class path at templates/nowhere/index.txt");
    }

    @Test
    void a_directory_of_templates_loads_by_file_name(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hello.mustache"), "Oi {{firstName}}");
        Files.writeString(dir.resolve("mail.html.mustache"), "<b>{{firstName}}</b>");
        TemplateCatalog catalog = TemplateCatalog.builder().directory(dir).build();
        assertThat(catalog.ids()).containsExactly("hello", "mail");
        assertThat(catalog.template("mail").orElseThrow().html()).isTrue();
    }
}
