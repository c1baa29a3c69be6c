package io.seatwarden.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules of STYLE.md and DESIGN.md ("Rooms"), for the engine under a base package. The
 * engine's own check uses {@code io.seatwarden}; {@link ArchitectureRulesTest} also builds them for a
 * package of deliberately bad classes, to show that each rule can fail.
 */
final class ArchitectureRules {
    /** What the pure core never touches: SDKs, frameworks, I/O, the clock and randomness. */
    private static final String[] SDKS_FRAMEWORKS_AND_IO = {
        "com.microsoft..", "com.azure..", "okhttp3..", "com.google.inject..", "jakarta.inject..", "org.quartz..", "picocli..",
        "io.micrometer..", "java.net..", "java.nio.file..", "java.sql..", "javax.sql..", "com.zaxxer..",
        "com.sun.net.httpserver.."
    };
    /** The Graph SDK, Kiota (its HTTP core) and azure-identity. */
    private static final String[] GRAPH_SDK = {"com.microsoft.graph..", "com.microsoft.kiota..", "com.azure.."};

    private final String base;

    ArchitectureRules(String base) {
        this.base = base;
    }

    /** Every rule, in the order the test reports them. */
    List<ArchRule> all() {
        return List.of(theCoreDoesNoIoAndUsesNoFramework(), theCoreReadsNoClock(), thePlannerSeesOnlyThePolicyAndDirectoryModels(),
                onlyTheGraphRoomUsesTheGraphSdk(), nothingBelowTheShellUsesIt(), onlyTheStateRoomOpensConnectionPools(),
                onlyTheMetricsRoomUsesMicrometer());
    }

    /** The planning core: plan (and its sub-packages), the policy, directory and catalog models. */
    private String[] core() {
        return new String[] {base + ".plan..", base + ".policy", base + ".directory", base + ".catalog"};
    }

    ArchRule theCoreDoesNoIoAndUsesNoFramework() {
        return noClasses().that().resideInAnyPackage(core())
                .should().dependOnClassesThat().resideInAnyPackage(SDKS_FRAMEWORKS_AND_IO)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .because("the core is a pure function of its inputs: no I/O, SDK, container, scheduler or command line (STYLE.md)");
    }

    ArchRule theCoreReadsNoClock() {
        return noClasses().that().resideInAnyPackage(core())
                .should().callMethodWhere(readsTheClock())
                .because("time is an input of the core (Lifecycle.at(instant)), never read inside it");
    }

    ArchRule thePlannerSeesOnlyThePolicyAndDirectoryModels() {
        return noClasses().that().resideInAPackage(base + ".plan..")
                .should().dependOnClassesThat(resideInAPackage(base + "..")
                        .and(DescribedPredicate.not(resideInAnyPackage(base + ".plan..", base + ".policy..", base + ".catalog..",
                                base + ".directory"))))
                .because("plan sees only the policy, catalog and directory models (not tenant files, Graph, state or reports)");
    }

    ArchRule onlyTheGraphRoomUsesTheGraphSdk() {
        return noClasses().that().resideOutsideOfPackage(base + ".graph..")
                .and().resideInAPackage(base + "..")
                .should().dependOnClassesThat().resideInAnyPackage(GRAPH_SDK)
                .because("graph is the one room that knows the Graph SDK, Kiota and azure-identity (DESIGN.md, Rooms)");
    }

    ArchRule nothingBelowTheShellUsesIt() {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackages(base + ".cli..", base + ".config..", base + ".schedule..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".cli..", base + ".config..")
                .because("cli, schedule and config sit on top, and nothing imports them");
    }

    ArchRule onlyTheStateRoomOpensConnectionPools() {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".state..")
                .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer.hikari..", "org.h2..", "org.postgresql..")
                .because("the state room owns the one connection pool and the drivers (issue 8: one state room)");
    }

    ArchRule onlyTheMetricsRoomUsesMicrometer() {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .because("metrics is the one room that knows Micrometer; the others hand it a RunMeasurement");
    }

    private static DescribedPredicate<JavaMethodCall> readsTheClock() {
        return new DescribedPredicate<>("read the clock (now(), currentTimeMillis(), nanoTime())") {
            @Override
            public boolean test(JavaMethodCall call) {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                boolean javaTime = owner.getPackageName().equals("java.time") && name.equals("now");
                boolean system = owner.isEquivalentTo(System.class) && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
                return javaTime || system;
            }
        };
    }
}
