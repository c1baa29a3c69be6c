package io.seatwarden.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules (STYLE.md's dependency rule, DESIGN.md's rooms) as ArchUnit rules over the
 * engine's compiled classes; and the same rules over {@code architecture.fixture}, a package of
 * deliberately bad classes, so that each rule is seen to fail for its own bad class.
 */
class ArchitectureRulesTest {
    private static final String FIXTURE = "io.seatwarden.architecture.fixture";
    private static JavaClasses engine;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.seatwarden");
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void theEngineKeepsEveryRule() {
        assertThat(engine.contain("io.seatwarden.plan.Planner")).as("the engine's classes were imported").isTrue();
        for (ArchRule rule : new ArchitectureRules("io.seatwarden").all()) {
            EvaluationResult result = rule.evaluate(engine);
            assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
        }
    }

    @Test
    void eachRuleReportsTheBadClassesOfTheFixtureAndOnlyThose() {
        ArchitectureRules rules = new ArchitectureRules(FIXTURE);
        Map<Function<ArchitectureRules, ArchRule>, List<String>> expected = Map.of(
                ArchitectureRules::theCoreDoesNoIoAndUsesNoFramework, List.of("plan.FileReadingPlanner", "policy.InjectedPolicy"),
                ArchitectureRules::theCoreReadsNoClock, List.of("plan.ClockReadingPlanner"),
                ArchitectureRules::thePlannerSeesOnlyThePolicyAndDirectoryModels, List.of("plan.StateReadingPlanner"),
                ArchitectureRules::onlyTheGraphRoomUsesTheGraphSdk, List.of("reconcile.SdkCallingReconciler"),
                ArchitectureRules::nothingBelowTheShellUsesIt, List.of("state.CommandCallingStore"),
                ArchitectureRules::onlyTheStateRoomOpensConnectionPools, List.of("reconcile.PoolOpeningReconciler"),
                ArchitectureRules::onlyTheMetricsRoomUsesMicrometer, List.of("cli.CountingCommand"));
        assertThat(expected).as("every rule is tried").hasSameSizeAs(rules.all());
        expected.forEach((rule, badClasses) -> {
            EvaluationResult result = rule.apply(rules).evaluate(fixture);
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertThat(result.hasViolation()).as(rule.apply(rules).getDescription()).isTrue();
            for (String bad : badClasses) {
                assertThat(report).as(rule.apply(rules).getDescription()).contains(FIXTURE + "." + bad);
            }
            // Each violation starts with the class that breaks the rule (the one a detail names first): only bad ones.
            for (String detail : result.getFailureReport().getDetails()) {
                String origin = detail.substring(detail.indexOf('<') + 1, detail.indexOf('>'));
                assertThat(badClasses).as(detail).anyMatch(bad -> origin.startsWith(FIXTURE + "." + bad));
            }
        });
    }
}
