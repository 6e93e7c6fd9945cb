package io.cadencerules.channels.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Subject;
import io.cadencerules.engine.ZoneResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Mustache templates by id, rendered for a {@link ContactRequest} with pt-BR formatting, and a
 * check that a {@link Cadence} only uses templates that exist with variables that will be there —
 * so a missing variable fails when the cadence is validated, not when a message goes out.
 *
 * <p>Variables a template can use: the step's static variables ({@code .with("pix", "…")}), which win
 * over the standard context: {@code customerId}, {@code customerName}, {@code firstName},
 * {@code subjectKey}, {@code stepId}, {@code channel}, {@code today} (dd/MM/yyyy); for a {@link Debt}
 * also {@code amount} ({@code R$ 1.234,56}), {@code amountValue} ({@code 1234.56}), {@code dueDate}
 * (dd/MM/yyyy), {@code daysPastDue} (negative before the due date), {@code debtType}; for a {@link Lead}
 * {@code amount}, {@code amountValue}, {@code product}; for an {@link Appointment}
 * {@code appointmentDate}, {@code appointmentTime} (HH:mm), {@code place}; for a {@link GenericSubject}
 * {@code kind}. Dates are local to the customer's zone ({@link Builder#zones}).
 *
 * <pre>{@code
 * TemplateCatalog catalog = TemplateCatalog.builder()
 *         .template("due-today", "{{firstName}}, sua fatura de {{amount}} vence hoje ({{dueDate}}).")
 *         .build();
 * catalog.validate(cadence);              // throws naming template, step and variable
 * String text = catalog.render(request);  // "Ana, sua fatura de R$ 1.234,56 vence hoje (10/03/2026)."
 * }</pre>
 */
public final class TemplateCatalog implements io.cadencerules.engine.CadenceValidator {

    private static final Set<String> COMMON = Set.of("customerId", "customerName", "firstName", "subjectKey", "stepId",
            "channel", "today");
    private static final Map<Class<? extends Subject>, Set<String>> BY_SUBJECT = Map.of(
            Debt.class, Set.of("amount", "amountValue", "dueDate", "daysPastDue", "debtType"),
            Lead.class, Set.of("amount", "amountValue", "product"),
            Appointment.class, Set.of("appointmentDate", "appointmentTime", "place"),
            GenericSubject.class, Set.of("kind"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<String, Template> templates;
    private final Map<String, com.samskivert.mustache.Template> compiled;
    private final ZoneResolver zones;
    private final Set<Channel> covered;

    private TemplateCatalog(Map<String, Template> templates, ZoneResolver zones, Set<Channel> covered) {
        this.templates = Collections.unmodifiableMap(new TreeMap<>(templates));
        Map<String, com.samskivert.mustache.Template> c = new TreeMap<>();
        for (Template t : templates.values()) {
            c.put(t.id(), compile(t));
        }
        this.compiled = Collections.unmodifiableMap(c);
        this.zones = zones;
        this.covered = Collections.unmodifiableSet(EnumSet.copyOf(covered));
    }

    /** A new catalog builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The standard variables every request of a subject type carries.
     *
     * @param subjectType {@code Debt.class}, {@code Lead.class}, {@code Appointment.class} or {@code GenericSubject.class}
     * @return the names
     */
    public static Set<String> standardVariables(Class<? extends Subject> subjectType) {
        Set<String> all = new java.util.TreeSet<>(COMMON);
        all.addAll(BY_SUBJECT.getOrDefault(Objects.requireNonNull(subjectType, "subjectType"), Set.of()));
        return Collections.unmodifiableSet(all);
    }

    /** The template with this id, if registered. */
    public Optional<Template> template(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    /** The registered ids, sorted. */
    public Set<String> ids() {
        return templates.keySet();
    }

    /** The channels whose steps {@link #validate} checks (every channel but AGENT unless configured). */
    public Set<Channel> coveredChannels() {
        return covered;
    }

    /**
     * Checks a cadence against the catalog, assuming the subject type its kind implies: a
     * {@link Debt} for collection, a {@link Lead} for sales, a {@link GenericSubject} otherwise.
     *
     * @param cadence the cadence
     * @throws IllegalArgumentException naming each template, step and variable that does not match
     */
    @Override
    public void validate(Cadence cadence) {
        Objects.requireNonNull(cadence, "cadence");
        Class<? extends Subject> type = cadence.kind().equals(CadenceKind.COLLECTION) ? Debt.class
                : cadence.kind().equals(CadenceKind.SALES) ? Lead.class : GenericSubject.class;
        validate(cadence, type);
    }

    /**
     * Checks a cadence against the catalog for journeys about a subject type: every action (and
     * fallback) of a {@link #coveredChannels covered channel} names a registered template, and every
     * variable the template needs is a standard variable of the subject type or one of the step's
     * variables.
     *
     * @param cadence     the cadence
     * @param subjectType the subject type its journeys are about
     * @throws IllegalArgumentException listing every problem, each naming the template, the step and the variable
     */
    public void validate(Cadence cadence, Class<? extends Subject> subjectType) {
        Objects.requireNonNull(cadence, "cadence");
        Set<String> standard = standardVariables(subjectType);
        List<String> problems = new ArrayList<>();
        for (Step step : cadence.steps()) {
            List<ChannelAction> actions = new ArrayList<>();
            actions.add(step.action());
            actions.addAll(step.fallbacks());
            for (ChannelAction action : actions) {
                if (!covered.contains(action.channel())) {
                    continue;
                }
                Template template = templates.get(action.templateId());
                String where = "step '" + step.id() + "' (" + action.channel() + ")";
                if (template == null) {
                    problems.add(where + " uses template '" + action.templateId() + "', which is not in the catalog");
                    continue;
                }
                for (String variable : template.variables()) {
                    if (!standard.contains(variable) && !action.variables().containsKey(variable)) {
                        problems.add("template '" + template.id() + "' used by " + where + " refers to variable '" + variable
                                + "', which is neither a standard variable for a " + subjectType.getSimpleName()
                                + " nor one of the step's variables " + new java.util.TreeSet<>(action.variables().keySet()));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cadence '" + cadence.id() + "' does not match the template catalog: "
                    + String.join("; ", problems));
        }
    }

    /**
     * The variables a request renders with: the standard context, then the step's variables.
     *
     * @param request the request
     * @return name → value, in a stable order
     */
    public Map<String, Object> context(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        Customer customer = request.customer();
        ZoneId zone = zones.zoneOf(customer);
        LocalDate today = request.requestedAt().atZone(zone).toLocalDate();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("customerId", customer.id());
        vars.put("customerName", customer.name());
        vars.put("firstName", firstName(customer.name()));
        vars.put("subjectKey", request.subject().key());
        vars.put("stepId", request.stepId());
        vars.put("channel", request.channel().name());
        vars.put("today", PtBr.date(today));
        Subject subject = request.subject();
        if (subject instanceof Debt debt) {
            vars.put("amount", PtBr.money(debt.amount()));
            vars.put("amountValue", debt.amount().amount().toPlainString());
            vars.put("dueDate", PtBr.date(debt.due()));
            vars.put("daysPastDue", ChronoUnit.DAYS.between(debt.due(), today));
            vars.put("debtType", debt.type());
        } else if (subject instanceof Lead lead) {
            vars.put("amount", PtBr.money(lead.amount()));
            vars.put("amountValue", lead.amount().amount().toPlainString());
            vars.put("product", lead.product());
        } else if (subject instanceof Appointment appointment) {
            vars.put("appointmentDate", PtBr.date(appointment.at().toLocalDate()));
            vars.put("appointmentTime", TIME.format(appointment.at()));
            vars.put("place", appointment.place());
        } else if (subject instanceof GenericSubject generic) {
            vars.put("kind", generic.kind());
            generic.dueDate().ifPresent(d -> vars.put("dueDate", PtBr.date(d)));
            generic.value().ifPresent(m -> {
                vars.put("amount", PtBr.money(m));
                vars.put("amountValue", m.amount().toPlainString());
            });
        }
        vars.putAll(request.variables());
        return vars;
    }

    /**
     * Renders the request's template.
     *
     * @param request the request
     * @return the text
     * @throws IllegalStateException when the template is unknown or a variable is missing (a cadence
     *                               that passed {@link #validate} with the right subject type never does this)
     */
    public String render(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        com.samskivert.mustache.Template template = compiled.get(request.templateId());
        String where = "step '" + request.stepId() + "' (" + request.channel() + ")";
        if (template == null) {
            throw new IllegalStateException(where + " uses template '" + request.templateId() + "', which is not in the catalog");
        }
        try {
            return template.execute(context(request));
        } catch (MustacheException.Context e) {
            throw new IllegalStateException("template '" + request.templateId() + "' used by " + where + " refers to variable '"
                    + e.key + "', which the request does not provide (validate the cadence against the catalog)", e);
        } catch (MustacheException e) {
            throw new IllegalStateException("template '" + request.templateId() + "' used by " + where
                    + " could not be rendered: " + e.getMessage(), e);
        }
    }

    private static String firstName(String name) {
        String n = name.strip();
        int space = n.indexOf(' ');
        return space < 0 ? n : n.substring(0, space);
    }

    private static com.samskivert.mustache.Template compile(Template t) {
        try {
            return Mustache.compiler().escapeHTML(t.html()).compile(t.text());
        } catch (MustacheException e) {
            throw new IllegalArgumentException("template '" + t.id() + "' does not compile: " + e.getMessage(), e);
        }
    }

    /** Collects templates; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final Map<String, Template> templates = new LinkedHashMap<>();
        private ZoneResolver zones = c -> c.zone().orElse(ZoneId.of("America/Sao_Paulo"));
        private Set<Channel> covered = EnumSet.complementOf(EnumSet.of(Channel.AGENT));

        private Builder() {
        }

        /**
         * A plain-text template (SMS, WhatsApp, voice, IVR prompt): values are not HTML-escaped.
         *
         * @param id   the id
         * @param text the Mustache source
         * @return this builder
         * @throws IllegalStateException when the id is already registered
         * @throws IllegalArgumentException when the source does not compile
         */
        public Builder template(String id, String text) {
            return add(id, text, false);
        }

        /**
         * An HTML template (e-mail bodies): {@code {{x}}} values are HTML-escaped.
         *
         * @param id   the id
         * @param text the Mustache source
         * @return this builder
         */
        public Builder html(String id, String text) {
            return add(id, text, true);
        }

        /**
         * Loads every {@code <id>.mustache} (plain text) and {@code <id>.html.mustache} (HTML) file of a directory.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder directory(Path directory) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mustache")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    boolean html = name.endsWith(".html.mustache");
                    String id = name.substring(0, name.length() - (html ? ".html.mustache" : ".mustache").length());
                    add(id, Files.readString(file, StandardCharsets.UTF_8), html);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read templates from " + directory, e);
            }
            return this;
        }

        /**
         * Loads templates from a class-path folder: its {@code index.txt} lists one id per line ({@code #}
         * comments allowed), each found as {@code <folder>/<id>.mustache} or {@code <folder>/<id>.html.mustache}.
         *
         * @param folder e.g. {@code "templates/collection"}
         * @return this builder
         * @throws IllegalArgumentException naming the missing index or template file
         */
        public Builder classpath(String folder) {
            String base = folder.endsWith("/") ? folder : folder + "/";
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : TemplateCatalog.class.getClassLoader();
            for (String id : read(loader, base + "index.txt", "template index").lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                String html = base + id + ".html.mustache";
                if (loader.getResource(html) != null) {
                    add(id, read(loader, html, "template '" + id + "'"), true);
                } else {
                    add(id, read(loader, base + id + ".mustache", "template '" + id + "'"), false);
                }
            }
            return this;
        }

        /**
         * How to find a customer's zone for {@code today} and {@code daysPastDue}; by default the
         * customer's zone, else São Paulo. Pass the engine's resolver (e.g. {@code BrazilZoneResolver}).
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder zones(ZoneResolver resolver) {
            this.zones = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The channels whose steps {@link TemplateCatalog#validate} checks; by default all but AGENT
         * (an agent step's template is usually a script name in the agent desktop).
         *
         * @param channels the channels
         * @return this builder
         */
        public Builder covers(Channel... channels) {
            if (channels.length == 0) {
                throw new IllegalArgumentException("a catalog must cover at least one channel");
            }
            this.covered = EnumSet.copyOf(List.of(channels));
            return this;
        }

        /** The catalog. */
        public TemplateCatalog build() {
            return new TemplateCatalog(templates, zones, covered);
        }

        private Builder add(String id, String text, boolean html) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("template id must not be blank, but was '" + id + "'");
            }
            if (templates.containsKey(id)) {
                throw new IllegalStateException("template '" + id + "' is already registered");
            }
            Template template = new Template(id, text, html, new LinkedHashSet<>(TemplateVariables.required(id, text)));
            compile(template);
            templates.put(id, template);
            return this;
        }

        private static String read(ClassLoader loader, String resource, String what) {
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalArgumentException(what + " not found on the class path at " + resource);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + resource, e);
            }
        }
    }
}
