package dev.clarity.bot.events;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Customers and projects as GitHub installations describe them: an account becomes a customer (matched by its
 * GitHub account id, or by slug when the dashboard created it first), a repository becomes a project (matched by
 * {@code owner/name}). Repeating a call changes nothing more. Thread-safe.
 */
public final class ProjectDirectory {
    private final DSLContext db;
    private final String webBase;
    private final InstantSource clock;

    /** @param webBase where repositories are cloned from, for example {@code https://github.com} */
    public ProjectDirectory(DSLContext db, String webBase, InstantSource clock) {
        this.db = db;
        this.webBase = webBase.endsWith("/") ? webBase.substring(0, webBase.length() - 1) : webBase;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * The customer for a GitHub account, created or brought back from the archive. Two deliveries about a new
     * account at once (GitHub sends {@code installation} and {@code installation_repositories} together) both find
     * no row; the second insert then fails on a unique key, and is tried again once, finding the first one's row.
     */
    public long upsertCustomer(long accountId, String login) {
        try {
            return upsertCustomerOnce(accountId, login);
        } catch (IntegrityConstraintViolationException e) {
            return upsertCustomerOnce(accountId, login);
        }
    }

    private long upsertCustomerOnce(long accountId, String login) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Long byAccount = t.select(CUSTOMERS.ID)
                    .from(CUSTOMERS)
                    .where(CUSTOMERS.GITHUB_ACCOUNT_ID.eq(accountId))
                    .forUpdate()
                    .fetchOne(CUSTOMERS.ID);
            String slug = login.toLowerCase(Locale.ROOT);
            Long id = byAccount != null
                    ? byAccount
                    : t.select(CUSTOMERS.ID)
                            .from(CUSTOMERS)
                            .where(CUSTOMERS.SLUG.eq(slug).and(CUSTOMERS.GITHUB_ACCOUNT_ID.isNull()))
                            .forUpdate()
                            .fetchOne(CUSTOMERS.ID);
            if (id != null) {
                t.update(CUSTOMERS)
                        .set(CUSTOMERS.GITHUB_ACCOUNT_ID, accountId)
                        .set(CUSTOMERS.GITHUB_LOGIN, login)
                        .setNull(CUSTOMERS.ARCHIVED_AT)
                        .set(CUSTOMERS.UPDATED_AT, now())
                        .where(CUSTOMERS.ID.eq(id))
                        .execute();
                return id;
            }
            boolean slugTaken = t.fetchExists(CUSTOMERS, CUSTOMERS.SLUG.eq(slug));
            return t.insertInto(CUSTOMERS)
                    .set(CUSTOMERS.NAME, login)
                    .set(CUSTOMERS.SLUG, slugTaken ? slug + "-" + accountId : slug)
                    .set(CUSTOMERS.GITHUB_ACCOUNT_ID, accountId)
                    .set(CUSTOMERS.GITHUB_LOGIN, login)
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
        });
    }

    /** The project for a repository, created or updated (installation, id, default branch when known). */
    public long upsertProject(
            long customerId, long installationId, long repositoryId, String fullName, String defaultBranch) {
        String name = fullName.substring(fullName.indexOf('/') + 1);
        var insert = db.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customerId)
                .set(PROJECTS.NAME, name)
                .set(PROJECTS.REPOSITORY, fullName)
                .set(PROJECTS.CLONE_URL, webBase + "/" + fullName + ".git")
                .set(PROJECTS.GITHUB_REPOSITORY_ID, repositoryId)
                .set(PROJECTS.INSTALLATION_ID, installationId)
                .set(PROJECTS.DEFAULT_BRANCH, defaultBranch == null ? "main" : defaultBranch);
        var update = insert.onConflict(PROJECTS.REPOSITORY)
                .doUpdate()
                .set(PROJECTS.GITHUB_REPOSITORY_ID, repositoryId)
                .set(PROJECTS.INSTALLATION_ID, installationId)
                .setNull(PROJECTS.ARCHIVED_AT)
                .set(PROJECTS.UPDATED_AT, now());
        if (defaultBranch != null) {
            update = update.set(PROJECTS.DEFAULT_BRANCH, defaultBranch);
        }
        return update.returning(PROJECTS.ID).fetchOne(PROJECTS.ID);
    }

    /** Archives the project of a repository the installation no longer reaches (rows are kept for history). */
    public void archiveRepository(String fullName) {
        db.update(PROJECTS)
                .set(PROJECTS.ARCHIVED_AT, now())
                .where(PROJECTS.REPOSITORY.eq(fullName).and(PROJECTS.ARCHIVED_AT.isNull()))
                .execute();
    }

    /** Archives every project of an installation (the App was uninstalled). */
    public void archiveInstallation(long installationId) {
        db.update(PROJECTS)
                .set(PROJECTS.ARCHIVED_AT, now())
                .where(PROJECTS.INSTALLATION_ID.eq(installationId).and(PROJECTS.ARCHIVED_AT.isNull()))
                .execute();
    }

    /** The active project of {@code owner/name}. */
    public Optional<ProjectRef> find(String fullName) {
        return db.select(
                        PROJECTS.ID,
                        PROJECTS.REPOSITORY,
                        PROJECTS.INSTALLATION_ID,
                        PROJECTS.DEFAULT_BRANCH,
                        PROJECTS.TASK_LIST_PATH)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(fullName).and(PROJECTS.ARCHIVED_AT.isNull()))
                .fetchOptional(r -> new ProjectRef(
                        r.value1(), r.value2(), r.value3() == null ? 0 : r.value3(), r.value4(), r.value5()));
    }
}
