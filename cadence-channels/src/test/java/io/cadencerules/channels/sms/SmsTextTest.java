package io.cadencerules.channels.sms;

import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;

import static io.cadencerules.channels.sms.SmsEncoding.GSM_7;
import static io.cadencerules.channels.sms.SmsEncoding.UCS_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values counted by hand: characters with {@code len()}, accents checked against GSM 03.38. */
class SmsTextTest {

    private static final Money PER_SEGMENT = Money.brl("0.07");

    @Test
    void the_basic_table_has_128_codes_in_the_gsm_03_38_order() {
        assertThat(Gsm7.BASIC).hasSize(128);
        assertThat(Gsm7.BASIC.charAt(0x00)).isEqualTo('@');
        assertThat(Gsm7.BASIC.charAt(0x02)).isEqualTo('$');
        assertThat(Gsm7.BASIC.charAt(0x05)).isEqualTo('é');
        assertThat(Gsm7.BASIC.charAt(0x09)).isEqualTo('Ç');
        assertThat(Gsm7.BASIC.charAt(0x1F)).isEqualTo('É');
        assertThat(Gsm7.BASIC.charAt(0x24)).isEqualTo('¤');
        assertThat(Gsm7.BASIC.charAt(0x40)).isEqualTo('¡');
        assertThat(Gsm7.BASIC.charAt(0x5D)).isEqualTo('Ñ');
        assertThat(Gsm7.BASIC.charAt(0x60)).isEqualTo('¿');
        assertThat(Gsm7.BASIC.charAt(0x7E)).isEqualTo('ü');
        assertThat(Gsm7.BASIC.charAt(0x7F)).isEqualTo('à');
    }

    @Test
    void portuguese_accents_outside_gsm_7_force_ucs_2_and_those_inside_do_not() {
        for (char c : "ãõçáíóúâêôÁÍÓÚÂÊÔÃÕ".toCharArray()) {
            assertThat(SmsText.of("Pague " + c).encoding()).as("'%s'", c).isEqualTo(UCS_2);
        }
        for (char c : "éÉàÇèùìòñÑüÜäöÄÖ".toCharArray()) {
            assertThat(SmsText.of("Pague " + c).encoding()).as("'%s'", c).isEqualTo(GSM_7);
        }
    }

    @Test
    void a_plain_reminder_is_one_gsm_7_segment() {
        SmsText sms = SmsText.of("Ola Ana, sua fatura de R$ 150,00 vence hoje. Pague pelo app.");
        assertThat(sms).isEqualTo(new SmsText(GSM_7, 60, 1));
        assertThat(sms.cost(PER_SEGMENT)).isEqualTo(Money.brl("0.07"));
    }

    @Test
    void e_acute_a_grave_and_capital_c_cedilla_stay_in_gsm_7() {
        assertThat(SmsText.of("É hoje! Pagamento até às 18h, sem juros.")).isEqualTo(new SmsText(GSM_7, 40, 1));
        assertThat(SmsText.of("FAÇA O PAGAMENTO HOJE")).isEqualTo(new SmsText(GSM_7, 21, 1));
    }

    @Test
    void a_tilde_or_small_c_cedilla_makes_the_text_ucs_2() {
        assertThat(SmsText.of("Olá Ana, sua fatura vence amanhã. Pague pelo app e evite juros."))
                .isEqualTo(new SmsText(UCS_2, 63, 1));
        assertThat(SmsText.of("Atenção: você tem uma fatura em aberto.")).isEqualTo(new SmsText(UCS_2, 39, 1));
    }

    @Test
    void extension_characters_count_two_septets() {
        // 16 characters, of which €, { and } are in the extension table
        assertThat(SmsText.of("Valor: 10€ {ref}")).isEqualTo(new SmsText(GSM_7, 19, 1));
        assertThat(SmsText.of("€".repeat(80))).isEqualTo(new SmsText(GSM_7, 160, 1));
        assertThat(SmsText.of("€".repeat(81))).isEqualTo(new SmsText(GSM_7, 162, 2));
    }

    @Test
    void gsm_7_splits_at_160_then_153_per_part() {
        assertThat(SmsText.of("a".repeat(160)).segments()).isEqualTo(1);
        assertThat(SmsText.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void ucs_2_splits_at_70_then_67_per_part() {
        assertThat(SmsText.of("ã".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsText.of("ã".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ã".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ã".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void a_long_gsm_7_collection_text_costs_two_segments() {
        String text = "Ola Ana, sua fatura do cartao final 1234 no valor de R$ 1.234,56 vence hoje. "
                + "Pague pelo app ou pelo codigo de barras enviado por e-mail. Se ja pagou, desconsidere esta mensagem. "
                + "Duvidas: 4004-0000";
        SmsText sms = SmsText.of(text);
        assertThat(sms).isEqualTo(new SmsText(GSM_7, 196, 2));
        assertThat(sms.isConcatenated()).isTrue();
        assertThat(sms.cost(PER_SEGMENT)).isEqualTo(Money.brl("0.14"));
    }

    @Test
    void ninety_eight_characters_with_accents_cost_two_ucs_2_segments() {
        String text = "Olá Ana! Sua fatura de R$ 1.234,56 venceu há 5 dias. Negocie agora pelo app e evite a negativação.";
        SmsText sms = SmsText.of(text);
        assertThat(sms).isEqualTo(new SmsText(UCS_2, 98, 2));
        assertThat(sms.cost(Money.brl("0.085")).amount()).isEqualByComparingTo("0.170");
        // the same text without accents is a single GSM-7 segment: half the price
        assertThat(SmsText.of("Ola Ana! Sua fatura de R$ 1.234,56 venceu ha 5 dias. Negocie agora pelo app e evite a negativacao."))
                .isEqualTo(new SmsText(GSM_7, 98, 1));
    }

    @Test
    void an_escape_pair_is_never_split_across_parts() {
        // 152 + 2 + 152 = 306 septets would fit 2 parts of 153, but € cannot start at septet 153
        SmsText sms = SmsText.of("a".repeat(152) + "€" + "a".repeat(152));
        assertThat(sms).isEqualTo(new SmsText(GSM_7, 306, 3));
    }

    @Test
    void a_surrogate_pair_is_never_split_across_parts() {
        // 66 + 2 + 66 = 134 units would fit 2 parts of 67, but the emoji cannot start at unit 67
        SmsText sms = SmsText.of("ã".repeat(66) + "\uD83D\uDE00" + "ã".repeat(66));
        assertThat(sms).isEqualTo(new SmsText(UCS_2, 134, 3));
    }

    @Test
    void an_empty_text_is_one_segment_and_a_negative_price_is_refused() {
        assertThat(SmsText.of("")).isEqualTo(new SmsText(GSM_7, 0, 1));
        assertThatThrownBy(() -> SmsText.of("oi").cost(Money.brl("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMS price per segment must not be negative, but was BRL -0.01");
    }
}
