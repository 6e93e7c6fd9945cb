package io.cadencerules.channels.mailing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The "interested only" list for the call center (mailing higienizado), with what could not be
 * listed and why.
 *
 * @param entries the list, most recent interest first
 * @param skipped interested journeys left out, with the reason (unknown customer, no phone)
 */
public record AgentMailing(List<MailingEntry> entries, List<String> skipped) {

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS = List.of("customer_id", "name", "phone", "subject_key", "cadence_id", "amount",
            "currency", "days_past_due", "interest", "interest_detail", "interest_at", "last_contacts");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public AgentMailing {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }

    /**
     * RFC 4180 CSV: a header line, CRLF line ends, fields with a comma, quote, CR or LF in double
     * quotes with quotes doubled. Amounts are plain decimals ({@code 1234.56}) with a currency column.
     * Free-text fields (name, interest detail, last contacts) that start with {@code = + - @} get a
     * leading {@code '} so spreadsheets do not run them as formulas; phones are left as they are.
     *
     * @return the CSV text
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS);
        for (MailingEntry e : entries) {
            line(out, List.of(e.customerId(), guard(e.name()), e.phone(), e.subjectKey(), e.cadenceId(),
                    e.amount() == null ? "" : e.amount().amount().toPlainString(),
                    e.amount() == null ? "" : e.amount().currency().getCurrencyCode(),
                    e.daysPastDue() == null ? "" : e.daysPastDue().toString(),
                    e.interest().name(), guard(e.interestDetail()), e.interestAt().toString(), guard(e.lastContacts())));
        }
        return out.toString();
    }

    /**
     * JSON: an array of objects with camelCase fields ({@code customerId}, {@code name}, {@code phone},
     * {@code subjectKey}, {@code cadenceId}, {@code amount} {@code {"value":"1234.56","currency":"BRL"}} or
     * null, {@code daysPastDue} or null, {@code interest}, {@code interestDetail}, {@code interestAt},
     * {@code lastContacts}).
     *
     * @return the JSON text
     */
    public String toJson() {
        ArrayNode array = JSON.createArrayNode();
        for (MailingEntry e : entries) {
            ObjectNode o = array.addObject();
            o.put("customerId", e.customerId());
            o.put("name", e.name());
            o.put("phone", e.phone());
            o.put("subjectKey", e.subjectKey());
            o.put("cadenceId", e.cadenceId());
            if (e.amount() == null) {
                o.putNull("amount");
            } else {
                ObjectNode amount = o.putObject("amount");
                amount.put("value", e.amount().amount().toPlainString());
                amount.put("currency", e.amount().currency().getCurrencyCode());
            }
            if (e.daysPastDue() == null) {
                o.putNull("daysPastDue");
            } else {
                o.put("daysPastDue", e.daysPastDue());
            }
            o.put("interest", e.interest().name());
            o.put("interestDetail", e.interestDetail());
            o.put("interestAt", e.interestAt().toString());
            o.put("lastContacts", e.lastContacts());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mailing could not be written as JSON", e);
        }
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String guard(String text) {
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
