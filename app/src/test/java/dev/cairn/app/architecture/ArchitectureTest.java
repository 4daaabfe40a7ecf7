package dev.cairn.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md's rules, checked on every build so they hold without anyone remembering them.
 * The app's test class path holds every module, so one test sees them all.
 */
@AnalyzeClasses(packages = "dev.cairn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] UI_LIBRARIES = {"javafx..", "com.sun.javafx..", "org.controlsfx..",
        "io.fair_acc..", "eu.hansolo..", "atlantafx.."};

    @ArchTest
    static final ArchRule runtimeStandsAlone = noClasses().that().resideInAPackage("dev.cairn.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.core..", "dev.cairn.app..",
                    "dev.cairn.charts..", "org.h2..", "com.github.dockerjava..")
            .because("the runtime goes into every model container: no workbench code, no database, no Docker client");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheApp = noClasses().that().resideInAPackage("dev.cairn.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.app..", "dev.cairn.charts..")
            .because("dependencies flow app -> core -> runtime; the GUI and the CLI call core, never the other way");

    @ArchTest
    static final ArchRule chartsTakePlainData = noClasses().that().resideInAPackage("dev.cairn.charts..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.core..", "dev.cairn.app..", "dev.cairn.runtime..")
            .because("charts take arrays and small records of their own, so they stay reusable and testable alone");

    @ArchTest
    static final ArchRule headlessModulesHaveNoUi = noClasses()
            .that().resideInAnyPackage("dev.cairn.runtime..", "dev.cairn.core..", "dev.cairn.plugins.api..")
            .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
            .because("runtime, core and the plugin API run without a display: in containers, in CI, in the CLI");

    @ArchTest
    static final ArchRule pluginApiIsJdkOnly = noClasses().that().resideInAPackage("dev.cairn.plugins.api..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.cairn.plugins.api..")
            .because("a plugin compiles against the API jar alone, whatever libraries Cairn itself uses");

    @ArchTest
    static final ArchRule corePackagesHaveNoCycles = slices().matching("dev.cairn.core.(*)..")
            .should().beFreeOfCycles()
            .because("core's packages (store, tracking, registry, ...) must stay separable and testable in layers");

    @ArchTest
    static final ArchRule appPackagesHaveNoCycles = slices().matching("dev.cairn.app.(*)..")
            .should().beFreeOfCycles()
            .because("one feature, one package: features use the shell and task helpers, not each other in circles");

    @ArchTest
    static final ArchRule cliStaysHeadless = noClasses().that().resideInAPackage("dev.cairn.app.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
            .because("headless commands must run on machines without a display (only GuiLauncher starts JavaFX)");

    @ArchTest
    static final ArchRule consoleOutputOnlyFromCliCode = noClasses()
            .that().resideOutsideOfPackages("dev.cairn.app.cli..", "dev.cairn.runtime.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("everything else logs through SLF4J, so output of headless commands stays machine-readable");

    @ArchTest
    static final ArchRule oneLoggingFacade = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.util.logging..", "org.apache.log4j..", "org.apache.logging.log4j..",
                    "org.apache.commons.logging..")
            .because("all logging goes through SLF4J, configured in one place");
}
