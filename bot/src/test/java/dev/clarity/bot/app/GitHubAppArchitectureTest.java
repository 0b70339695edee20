package dev.clarity.bot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of the GitHub App side, as their package-info files state them. */
class GitHubAppArchitectureTest {
    static final JavaClasses BOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clarity.bot");

    @Test
    void the_command_parser_depends_only_on_the_jdk_the_escaper_and_the_vocabulary() {
        classes()
                .that()
                .resideInAPackage("dev.clarity.bot.commands")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.clarity.bot.commands", "dev.clarity.bot.markdown", "dev.clarity.vocabulary", "java..")
                .check(BOT);
    }

    @Test
    void the_escaper_depends_only_on_the_jdk() {
        classes()
                .that()
                .resideInAPackage("dev.clarity.bot.markdown")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.clarity.bot.markdown", "java..")
                .check(BOT);
    }

    @Test
    void renderers_depend_only_on_the_jdk_the_escaper_and_the_github_records() {
        classes()
                .that()
                .resideInAPackage("dev.clarity.bot.render")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.clarity.bot.render", "dev.clarity.bot.markdown", "dev.clarity.bot.github", "java..")
                .check(BOT);
    }

    @Test
    void the_webhook_endpoint_knows_no_handler_and_no_github_client() {
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.bot.webhook")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.clarity.bot.events..", "dev.clarity.bot.github..", "dev.clarity.bot.commands..")
                .check(BOT);
    }

    @Test
    void the_event_handlers_take_records_and_never_walk_a_payload() {
        // payloads are read once, into records, by dev.clarity.bot.webhook.WebhookEvents
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.bot.events..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .check(BOT);
    }

    @Test
    void only_the_github_package_reads_github_responses() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.clarity.bot.github", "dev.clarity.bot.app")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("GitHubJson")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleName("RestGitHubGateway")
                .check(BOT);
    }
}
