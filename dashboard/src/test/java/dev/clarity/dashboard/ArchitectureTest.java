package dev.clarity.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.clarity.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule the_dashboard_never_imports_the_bot_or_the_runner =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.clarity.bot..", "dev.clarity.runner..");

    @ArchTest
    static final ArchRule badges_steps_policies_and_tools_come_from_the_vocabulary_module = noClasses()
            .should()
            .haveSimpleName("Badge")
            .orShould()
            .haveSimpleName("Step")
            .orShould()
            .haveSimpleName("MergePolicy")
            .orShould()
            .haveSimpleName("Tool")
            .orShould()
            .haveSimpleName("ItemKind")
            .because("the dashboard spells them through dev.clarity.vocabulary (and the item kinds through"
                    + " dev.clarity.tasks), never in a copy of its own");

    @ArchTest
    static final ArchRule accounts_and_sessions_know_nothing_of_the_web = noClasses()
            .that()
            .resideInAPackage("dev.clarity.dashboard.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.javalin..", "gg.jte..", "dev.clarity.dashboard.web..");

    @ArchTest
    static final ArchRule the_control_contract_depends_only_on_the_jdk = classes()
            .that()
            .resideInAPackage("dev.clarity.dashboard.controls..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.clarity.dashboard.controls..", "java..");

    @ArchTest
    static final ArchRule only_stores_and_queries_see_generated_jooq_records = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Store")
            .and()
            .haveSimpleNameNotEndingWith("Queries")
            .and()
            .resideOutsideOfPackage("dev.clarity.dashboard.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.clarity.migrations.jooq.tables.records..")
            .because("routes and the JSON API get plain records mapped by jOOQ, not mutable *Record rows");

    @ArchTest
    static final ArchRule form_checks_touch_no_database_and_no_web = noClasses()
            .that()
            .haveSimpleNameEndingWith("Form")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jooq..", "dev.clarity.migrations..", "io.javalin..")
            .because("a form's check is a pure function, separate from saving");

    @ArchTest
    static final ArchRule classes_are_final_or_interfaces = classes()
            .that()
            .areTopLevelClasses()
            .and()
            .areNotInterfaces()
            .and()
            .areNotEnums()
            .and()
            .areNotRecords()
            .and()
            .doNotHaveSimpleName("package-info")
            .should()
            .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);
}
