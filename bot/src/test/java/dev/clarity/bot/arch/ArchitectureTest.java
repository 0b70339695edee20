package dev.clarity.bot.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module direction ({@code migrations ← dashboard ← bot → runner}, with {@code tasks} under the bot and the
 * dashboard and {@code vocabulary} under the runner, the dashboard and the bot) and CONVENTIONS' naming and packaging
 * rules, over every production class.
 */
class ArchitectureTest {
    private static JavaClasses clarity;

    @BeforeAll
    static void importClasses() {
        clarity = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.clarity");
    }

    @Test
    void the_runner_never_depends_on_the_bot_the_dashboard_or_the_database() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.clarity.runner..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.clarity.bot..", "dev.clarity.dashboard..", "dev.clarity.migrations..");
        rule.check(clarity);
    }

    @Test
    void the_dashboard_never_depends_on_the_bot_or_the_runner() {
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.clarity.bot..", "dev.clarity.runner..")
                .check(clarity);
    }

    @Test
    void the_crm_never_depends_on_the_bot_the_runner_or_the_dashboard() {
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.crm..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.clarity.bot..", "dev.clarity.runner..", "dev.clarity.dashboard..")
                .check(clarity);
    }

    @Test
    void migrations_depend_on_no_other_module() {
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.migrations..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.clarity.bot..",
                        "dev.clarity.runner..",
                        "dev.clarity.dashboard..",
                        "dev.clarity.crm..",
                        "dev.clarity.testkit..",
                        "dev.clarity.tasks..",
                        "dev.clarity.vocabulary..")
                .check(clarity);
    }

    @Test
    void the_vocabulary_depends_on_the_jdk_only() {
        classes()
                .that()
                .resideInAPackage("dev.clarity.vocabulary..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.clarity.vocabulary..", "java..")
                .check(clarity);
    }

    @Test
    void each_vocabulary_is_defined_in_one_place() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.clarity.vocabulary..")
                .should()
                .haveSimpleName("Badge")
                .orShould()
                .haveSimpleName("Step")
                .orShould()
                .haveSimpleName("MergePolicy")
                .orShould()
                .haveSimpleName("Tool")
                .because("badges, steps, merge policies and tools are the vocabulary module's enums")
                .check(clarity);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.clarity.tasks..")
                .should()
                .haveSimpleName("ItemKind")
                .because("the item kinds are the task-list engine's enum")
                .check(clarity);
    }

    @Test
    void the_task_list_engine_depends_on_no_other_module() {
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.tasks..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.clarity..").and(resideOutsideOfPackage("dev.clarity.tasks..")))
                .check(clarity);
    }

    @Test
    void the_task_list_engine_depends_on_the_jdk_only() {
        classes()
                .that()
                .resideInAPackage("dev.clarity.tasks..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.clarity.tasks..", "java..")
                .check(clarity);
    }

    @Test
    void only_the_bot_the_dashboard_and_the_benchmarks_use_the_task_list_engine() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.clarity.tasks..",
                        "dev.clarity.bot..",
                        "dev.clarity.dashboard..",
                        "dev.clarity.benchmarks..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.clarity.tasks..")
                .check(clarity);
    }

    @Test
    void the_orchestrator_knows_nothing_of_its_ingress() {
        // webhook handlers call the orchestrator's ports (orchestrator.ports); never the other way round
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.bot.orchestrator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.clarity.bot.events..", "dev.clarity.bot.webhook..", "dev.clarity.bot.app..")
                .check(clarity);
    }

    @Test
    void the_webhook_handlers_reach_the_orchestrator_only_through_its_ports() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.clarity.bot.events..", "dev.clarity.bot.webhook..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.clarity.bot.orchestrator..")
                        .and(resideOutsideOfPackage("dev.clarity.bot.orchestrator.ports..")))
                .check(clarity);
    }

    @Test
    void production_code_never_depends_on_the_testkit() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.clarity.testkit..", "dev.clarity.benchmarks..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.clarity.testkit..")
                .check(clarity);
    }

    @Test
    void the_orchestrators_core_never_depends_on_its_step_handlers() {
        // the steps depend on the core (StepHandler, StepContext, the store); the loop gets them from Steps
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.bot.orchestrator")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.clarity.bot.orchestrator.steps..")
                .check(clarity);
    }

    @Test
    void no_class_is_named_impl_manager_or_utils() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .check(clarity);
    }

    @Test
    void packages_are_by_feature_not_by_layer() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "..controller..",
                        "..controllers..",
                        "..service..",
                        "..services..",
                        "..dao..",
                        "..daos..",
                        "..util..",
                        "..utils..",
                        "..impl..",
                        "..model..",
                        "..models..")
                .check(clarity);
    }

    @Test
    void every_package_of_ours_is_under_its_module_package() {
        classes()
                .that()
                .resideOutsideOfPackage("dev.clarity.migrations.jooq..")
                .should()
                .resideInAnyPackage(
                        "dev.clarity.bot..",
                        "dev.clarity.runner..",
                        "dev.clarity.crm..",
                        "dev.clarity.dashboard..",
                        "dev.clarity.crm..",
                        "dev.clarity.migrations..",
                        "dev.clarity.tasks..",
                        "dev.clarity.vocabulary..",
                        "dev.clarity.testkit..",
                        "dev.clarity.benchmarks..")
                .check(clarity);
    }

    @Test
    void the_runner_opens_repositories_only_through_workspace_git() {
        // WorkspaceGit is what keeps hooks, filters and the repository's own config from running on the host
        noClasses()
                .that()
                .resideInAPackage("dev.clarity.runner..")
                .and()
                .doNotHaveFullyQualifiedName("dev.clarity.runner.workspace.WorkspaceGit")
                .should()
                .callMethod(org.eclipse.jgit.api.Git.class, "open", java.io.File.class)
                .orShould()
                .callMethod(org.eclipse.jgit.api.Git.class, "open", java.io.File.class, org.eclipse.jgit.util.FS.class)
                .orShould()
                .callMethod(org.eclipse.jgit.api.Git.class, "cloneRepository")
                .orShould()
                .callMethod(org.eclipse.jgit.api.Git.class, "init")
                .orShould()
                .callConstructor(org.eclipse.jgit.storage.file.FileRepositoryBuilder.class)
                .orShould()
                .callConstructor(org.eclipse.jgit.lib.RepositoryBuilder.class)
                .check(clarity);
    }
}
