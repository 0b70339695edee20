package dev.clarity.dashboard;

import dev.clarity.crm.campaigns.JooqCampaigns;
import dev.clarity.crm.campaigns.Unsubscribes;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.CsvReader;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.money.ExchangeRates;
import dev.clarity.crm.notify.ProjectMessageMails;
import dev.clarity.crm.proposals.ClientDecisions;
import dev.clarity.crm.proposals.JooqProposals;
import dev.clarity.crm.proposals.LinkTokens;
import dev.clarity.crm.proposals.ProposalPdf;
import dev.clarity.crm.proposals.ProposalSending;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.crm.time.JooqTimeStore;
import dev.clarity.crm.time.TimeTracking;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.LoginThrottle;
import dev.clarity.dashboard.auth.PasswordHasher;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.campaigns.CampaignRoutes;
import dev.clarity.dashboard.campaigns.UnsubscribeRoutes;
import dev.clarity.dashboard.contacts.ContactRoutes;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.crm.CrmRoutes;
import dev.clarity.dashboard.crm.CustomerContactRoutes;
import dev.clarity.dashboard.crm.CustomerContactStore;
import dev.clarity.dashboard.crm.CustomerStore;
import dev.clarity.dashboard.crm.GitHubStatuses;
import dev.clarity.dashboard.crm.PeopleStore;
import dev.clarity.dashboard.crm.ProjectBudgetRoutes;
import dev.clarity.dashboard.crm.ProjectPlanRoutes;
import dev.clarity.dashboard.crm.ProjectPlanStore;
import dev.clarity.dashboard.crm.ProjectStore;
import dev.clarity.dashboard.executions.AuditLog;
import dev.clarity.dashboard.executions.ControlRoutes;
import dev.clarity.dashboard.executions.DismissedNotices;
import dev.clarity.dashboard.executions.ExecutionApi;
import dev.clarity.dashboard.executions.ExecutionPages;
import dev.clarity.dashboard.executions.ExecutionQueries;
import dev.clarity.dashboard.executions.Overview;
import dev.clarity.dashboard.keys.ProviderKeyRoutes;
import dev.clarity.dashboard.keys.ProviderKeyStore;
import dev.clarity.dashboard.live.LiveUpdates;
import dev.clarity.dashboard.proposals.ProposalRoutes;
import dev.clarity.dashboard.proposals.PublicProposalRoutes;
import dev.clarity.dashboard.signin.AccountRoutes;
import dev.clarity.dashboard.signin.SignInRoutes;
import dev.clarity.dashboard.time.RateRoutes;
import dev.clarity.dashboard.time.TimeApi;
import dev.clarity.dashboard.time.TimeQueries;
import dev.clarity.dashboard.time.TimeRoutes;
import dev.clarity.dashboard.web.AllowedOrigin;
import dev.clarity.dashboard.web.ErrorPages;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.SecurityHeaders;
import dev.clarity.dashboard.web.Templates;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

/**
 * The whole dashboard, wired: sign-in, executions grid and pages, JSON API, WebSockets, controls and CRM. The
 * composition root builds one, calls {@link #contribute(JavalinConfig)} while configuring the server, and
 * {@link #close()} on shutdown. {@code templateClassDir} is where JTE puts compiled templates (under the data
 * dir); {@code scheduler} runs the live-update poll (one task at a time is enough).
 */
public final class DashboardFeature implements AutoCloseable {
    private final Accounts accounts;
    private final Sessions sessions;
    private final Guard guard;
    private final Templates templates;
    private final SignInRoutes signIn;
    private final AccountRoutes accountRoutes;
    private final ExecutionPages pages;
    private final ExecutionApi api;
    private final ControlRoutes controlRoutes;
    private final CrmRoutes crm;
    private final LiveUpdates live;
    private final ProviderKeyRoutes keys;
    private final ProjectBudgetRoutes budgets;
    private final ProjectPlanRoutes plans;
    private final CustomerContactRoutes contacts;
    private final TimeRoutes timeRoutes;
    private final TimeApi timeApi;
    private final RateRoutes rates;
    private final dev.clarity.dashboard.audit.AuditRoutes auditRoutes;
    private final java.util.Optional<ProviderKeyStore> keyStore;
    private final ContactRoutes contactLists;
    private final BillingWiring billing;
    private final CampaignRoutes campaigns;
    private final UnsubscribeRoutes unsubscribe;
    private final ProposalRoutes proposals;
    private final PublicProposalRoutes publicProposals;
    private final dev.clarity.dashboard.portal.PortalRoutes portal;

    public DashboardFeature(
            DSLContext dsl,
            ExecutionControls controls,
            InstantSource clock,
            Path templateClassDir,
            ScheduledExecutorService scheduler,
            DashboardOptions options) {
        Tokens tokens = new Tokens(new SecureRandom());
        this.accounts = new Accounts(dsl, PasswordHasher.owaspDefault(), tokens, clock);
        this.sessions = new Sessions(dsl, tokens, clock, options.sessionLifetime());
        this.guard = new Guard(sessions, options.secureCookies());
        LoginThrottle throttle = new LoginThrottle(dsl, clock, LoginThrottle.Limits.defaults());
        this.templates = new Templates(templateClassDir);
        this.signIn = new SignInRoutes(accounts, sessions, throttle, guard, tokens, options.sessionLifetime());
        this.accountRoutes = new AccountRoutes(
                accounts, sessions, guard, new dev.clarity.crm.notify.JooqMailPreferences(dsl, clock));
        ExecutionQueries queries = new ExecutionQueries(dsl, clock);
        CustomerStore customers = new CustomerStore(dsl, clock);
        ProjectStore projects = new ProjectStore(dsl, clock);
        this.pages = new ExecutionPages(
                guard, queries, new DismissedNotices(dsl, queries, clock), new Overview(dsl), options.runners(), clock);
        this.api = new ExecutionApi(guard, queries, customers, projects, new TimeQueries(dsl));
        this.controlRoutes = new ControlRoutes(guard, queries, controls, new AuditLog(dsl, clock));
        this.crm = new CrmRoutes(
                guard, customers, projects, new PeopleStore(dsl, accounts, sessions, clock), new GitHubStatuses(dsl));
        this.keyStore = options.sealer().map(sealer -> new ProviderKeyStore(dsl, sealer, clock));
        this.keys = new ProviderKeyRoutes(guard, keyStore);
        CustomerAccess access = new CustomerAccess(dsl);
        this.budgets = new ProjectBudgetRoutes(guard, dsl, clock, access);
        JooqContactStore contactStore = new JooqContactStore(dsl, clock);
        this.contactLists = new ContactRoutes(
                guard, contactStore, new ContactImport(contactStore, new CsvReader(ContactRoutes.MAX_CSV_ROWS)));
        this.plans = new ProjectPlanRoutes(guard, new ProjectPlanStore(dsl, clock), access);
        this.contacts = new CustomerContactRoutes(guard, customers, new CustomerContactStore(dsl, clock));
        JooqTimeStore timeStore = new JooqTimeStore(dsl);
        TimeTracking time = new TimeTracking(timeStore, clock);
        TimeQueries timeQueries = new TimeQueries(dsl);
        this.timeRoutes = new TimeRoutes(guard, time, timeStore, timeQueries, clock);
        this.timeApi = new TimeApi(guard, time, timeStore, timeQueries);
        this.rates = new RateRoutes(guard, new ExchangeRates(dsl, clock));
        this.auditRoutes = new dev.clarity.dashboard.audit.AuditRoutes(guard, dsl);
        this.billing = new BillingWiring(guard, dsl, clock, options);
        this.campaigns = new CampaignRoutes(guard, new JooqCampaigns(dsl, clock), contactStore, options.mailSends());
        this.unsubscribe = new UnsubscribeRoutes(new Unsubscribes(dsl, clock));
        this.proposals = proposalRoutes(dsl, clock, templateClassDir, options);
        this.publicProposals = publicProposalRoutes(dsl, clock, templateClassDir, options);
        // as execution mails: no mail sent, nothing queued (ADR 0033)
        java.util.Optional<ProjectMessageMails> messageMails = options.mailSends()
                ? java.util.Optional.of(new ProjectMessageMails(
                        outbox(dsl, clock, options),
                        new MailTemplates(templateClassDir.resolve("mail")),
                        publicBase(options)))
                : java.util.Optional.empty();
        this.portal = new dev.clarity.dashboard.portal.PortalRoutes(
                guard, new dev.clarity.dashboard.portal.PortalStore(dsl, clock, messageMails));
        this.live = new LiveUpdates(
                guard,
                new AllowedOrigin(options.publicUrl()),
                queries,
                options.runners(),
                scheduler,
                options.livePollInterval());
    }

    /**
     * Proposal links and mails point at {@code CLARITY_PUBLIC_URL}; without it, at http://localhost:8080/. Mails
     * are only queued here: the outbox's worker (mail side) sends them.
     */
    private static java.net.URI publicBase(DashboardOptions options) {
        return options.publicUrl().orElse(java.net.URI.create("http://localhost:8080/"));
    }

    /**
     * The outbox seals bodies with the installation's secrets key, as the mail side's worker opens them. Without a
     * sealer (a dashboard on its own, as in the benchmarks, where no mail is sent) a key of this process only.
     */
    private static JooqMailOutbox outbox(DSLContext dsl, InstantSource clock, DashboardOptions options) {
        return new JooqMailOutbox(
                dsl,
                clock,
                java.time.Duration.ofMinutes(5),
                Backoff.DEFAULT,
                options.sealer().orElseGet(() -> AesGcmSealer.withFreshKey(new SecureRandom())));
    }

    private ProposalRoutes proposalRoutes(
            DSLContext dsl, InstantSource clock, Path templateClassDir, DashboardOptions options) {
        JooqProposals store = new JooqProposals(dsl, clock);
        ProposalSending sending = new ProposalSending(
                dsl,
                store,
                outbox(dsl, clock, options),
                new MailTemplates(templateClassDir.resolve("mail")),
                new ProposalPdf(),
                new LinkTokens(new SecureRandom()),
                publicBase(options),
                clock);
        return new ProposalRoutes(guard, dsl, store, sending, clock);
    }

    private static PublicProposalRoutes publicProposalRoutes(
            DSLContext dsl, InstantSource clock, Path templateClassDir, DashboardOptions options) {
        ClientDecisions decisions = new ClientDecisions(
                dsl,
                new JooqProposals(dsl, clock),
                outbox(dsl, clock, options),
                new MailTemplates(templateClassDir.resolve("mail")),
                publicBase(options),
                clock);
        return new PublicProposalRoutes(decisions, new AllowedOrigin(options.publicUrl()));
    }

    /** Accounts on their own, for {@code ./clarity users} (no server, no templates). */
    public static Accounts accounts(DSLContext dsl, InstantSource clock) {
        return new Accounts(dsl, PasswordHasher.owaspDefault(), new Tokens(new SecureRandom()), clock);
    }

    /**
     * Registers every route, both WebSockets, the static files, htmx, the template renderer and the security headers
     * (on every response of the server it is contributed to).
     */
    public void contribute(JavalinConfig config) {
        config.routes.before(SecurityHeaders::apply);
        config.fileRenderer(templates.renderer());
        ErrorPages errors = new ErrorPages(guard);
        config.routes.exception(HttpResponseException.class, errors::handle);
        // browsers ask for /favicon.ico whatever the page says: the same icon, not a 404 in every log
        config.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
        config.staticFiles.enableWebjars();
        config.staticFiles.add(s -> {
            s.hostedPath = "/static";
            s.directory = "/dashboard-static";
            s.location = Location.CLASSPATH;
        });
        signIn.contribute(config);
        accountRoutes.contribute(config);
        pages.contribute(config);
        api.contribute(config);
        controlRoutes.contribute(config);
        crm.contribute(config);
        keys.contribute(config);
        budgets.contribute(config);
        plans.contribute(config);
        contacts.contribute(config);
        timeRoutes.contribute(config);
        timeApi.contribute(config);
        rates.contribute(config);
        auditRoutes.contribute(config);
        contactLists.contribute(config);
        billing.contribute(config);
        campaigns.contribute(config);
        unsubscribe.contribute(config);
        proposals.contribute(config);
        publicProposals.contribute(config);
        portal.contribute(config);
        live.contribute(config);
        live.start();
    }

    public Accounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The stored provider keys, for the model gateway; empty without a secrets key. */
    public java.util.Optional<ProviderKeyStore> providerKeys() {
        return keyStore;
    }

    /** The QuickBooks outbox worker, when QuickBooks is configured: the composition root schedules its drain. */
    public java.util.Optional<dev.clarity.crm.quickbooks.QuickBooksSync> quickBooksSync() {
        return billing.sync();
    }

    /** The role check of the dashboard, for other features whose pages are for signed-in people (setup). */
    public Guard guard() {
        return guard;
    }

    @Override
    public void close() {
        live.close();
    }
}
