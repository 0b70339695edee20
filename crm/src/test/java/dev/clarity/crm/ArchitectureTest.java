package dev.clarity.crm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.clarity.crm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule the_crm_never_imports_the_web_the_bot_or_the_runner = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.clarity.bot..", "dev.clarity.runner..", "dev.clarity.dashboard..", "io.javalin..");

    @ArchTest
    static final ArchRule money_is_never_a_double = noClasses()
            .that()
            .resideInAPackage("dev.clarity.crm.money..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Double")
            .because("amounts are BigDecimal with their currency");
}
