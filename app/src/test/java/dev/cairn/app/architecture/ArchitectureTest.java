package dev.cairn.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rules, checked on every build so they hold without anyone remembering them.
 * The app's test class path holds every module, so one test sees them all.
 */
class ArchitectureTest {

    private static final JavaClasses CAIRN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // core's test fixtures
            .withImportOption(location -> !location.contains("/dev/cairn/testdata/")) // the tests' data helper
            .importPackages("dev.cairn");

    private static final String[] UI_LIBRARIES = {"javafx..", "com.sun.javafx..", "org.controlsfx..",
        "io.fair_acc..", "eu.hansolo..", "atlantafx.."};

    @Test
    void runtimeStandsAlone() {
        noClasses().that().resideInAPackage("dev.cairn.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.core..", "dev.cairn.app..",
                        "dev.cairn.charts..", "org.h2..", "com.github.dockerjava..")
                .because("the runtime goes into every model container: no workbench code, no database, no Docker client")
                .check(CAIRN);
    }

    @Test
    void coreDoesNotKnowTheApp() {
        noClasses().that().resideInAPackage("dev.cairn.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.app..", "dev.cairn.charts..")
                .because("dependencies flow app -> core -> runtime; the GUI and the CLI call core, never the other way")
                .check(CAIRN);
    }

    @Test
    void chartsTakePlainData() {
        noClasses().that().resideInAPackage("dev.cairn.charts..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.core..", "dev.cairn.app..", "dev.cairn.runtime..")
                .because("charts take arrays and small records of their own, so they stay reusable and testable alone")
                .check(CAIRN);
    }

    @Test
    void headlessModulesHaveNoUi() {
        noClasses()
                .that().resideInAnyPackage("dev.cairn.runtime..", "dev.cairn.core..", "dev.cairn.plugins.api..")
                .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
                .because("runtime, core and the plugin API run without a display: in containers, in CI, in the CLI")
                .check(CAIRN);
    }

    @Test
    void pluginApiIsJdkOnly() {
        noClasses().that().resideInAPackage("dev.cairn.plugins.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.cairn.plugins.api..")
                .because("a plugin compiles against the API jar alone, whatever libraries Cairn itself uses")
                .check(CAIRN);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.cairn.core.(*)..")
                .should().beFreeOfCycles()
                .because("core's packages (store, tracking, registry, ...) must stay separable and testable in layers")
                .check(CAIRN);
    }

    @Test
    void appPackagesHaveNoCycles() {
        slices().matching("dev.cairn.app.(*)..")
                .should().beFreeOfCycles()
                .because("one feature, one package: features use the shell and task helpers, not each other in circles")
                .check(CAIRN);
    }

    @Test
    void cliStaysHeadless() {
        noClasses().that().resideInAPackage("dev.cairn.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
                .because("headless commands must run on machines without a display (only GuiLauncher starts JavaFX)")
                .check(CAIRN);
    }

    @Test
    void consoleOutputOnlyFromCliCode() {
        noClasses()
                .that().resideOutsideOfPackages("dev.cairn.app.cli..", "dev.cairn.runtime.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("everything else logs through SLF4J, so output of headless commands stays machine-readable")
                .check(CAIRN);
    }

    @Test
    void oneLoggingFacade() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.util.logging..", "org.apache.log4j..", "org.apache.logging.log4j..",
                        "org.apache.commons.logging..")
                .because("all logging goes through SLF4J, configured in one place")
                .check(CAIRN);
    }
}
