package com.example.cards;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.configuration.annotation.StepScope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout along the data flow, kept by the build: the operator commands on top, the
 * job assemblies under them, the three steps (stage, issue, export) side by side and
 * unaware of each other, and under them what they share. Crypto knows nothing of the
 * rest. A rule broken here fails {@code ./mvnw verify}.
 */
class ArchitectureTests {

    private static final String BASE = "com.example.cards";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
    }

    @Test
    void layersFollowTheDataFlow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Application")
            .definedBy(BASE)
            .layer("Cli")
            .definedBy(BASE + ".cli..")
            .layer("Jobs")
            .definedBy(BASE + ".jobs..")
            .layer("Stage")
            .definedBy(BASE + ".stage..")
            .layer("Issue")
            .definedBy(BASE + ".issue..")
            .layer("Export")
            .definedBy(BASE + ".export..")
            .layer("Run")
            .definedBy(BASE + ".run..")
            .layer("Reference")
            .definedBy(BASE + ".reference..")
            .layer("Request")
            .definedBy(BASE + ".request..")
            .layer("Db")
            .definedBy(BASE + ".db..")
            .layer("Crypto")
            .definedBy(BASE + ".crypto..")
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Jobs")
            .mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Stage")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs")
            .whereLayer("Issue")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs")
            .whereLayer("Export")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs")
            .whereLayer("Run")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs", "Stage", "Issue", "Export")
            .whereLayer("Reference")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs", "Stage", "Issue", "Export")
            .whereLayer("Request")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs", "Stage", "Issue", "Export", "Run", "Reference")
            .whereLayer("Db")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs", "Stage", "Issue", "Export")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Cli", "Jobs", "Stage", "Issue", "Export", "Run", "Reference", "Request", "Db")
            .check(classes);
    }

    @Test
    void cryptoImportsNothingElseOfTheProject() {
        noClasses().that()
            .resideInAPackage(BASE + ".crypto..")
            .should()
            .dependOnClassesThat(resideInProjectOutside(BASE + ".crypto"))
            .check(classes);
    }

    @Test
    void onlyTheIssueStepTalksToTheBroker() {
        noClasses().that()
            .resideOutsideOfPackage(BASE + ".issue..")
            .and()
            .resideInAPackage(BASE + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.amqp..", "org.springframework.integration..",
                    "org.springframework.batch.integration..", "com.rabbitmq..")
            .because("remote partitioning of the issue step is the one use of RabbitMQ (docs/design.md)")
            .check(classes);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void jobAssembliesAreFreeOfCycles() {
        slices().matching(BASE + ".jobs.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void stepScopedBeansReturnTheirConcreteTypes() {
        methods().that()
            .areAnnotatedWith(StepScope.class)
            .should(returnAConcreteType())
            .because("Spring Batch proxies a step-scoped bean by its declared type: an interface hides the"
                    + " stream and listener callbacks of the concrete reader or writer and warns on every run")
            .check(classes);
    }

    @Test
    void testClassesFollowTheNamingAnchors() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages(BASE);
        classes().that(declareTests())
            .and()
            .areTopLevelClasses()
            .should()
            .haveSimpleNameEndingWith("Tests")
            .orShould()
            .haveSimpleNameEndingWith("IT")
            .because("*Tests are units, *JobFunctionalTests whole jobs, *IT a real server or a child JVM")
            .check(tests);
    }

    private static DescribedPredicate<JavaClass> declareTests() {
        return DescribedPredicate.describe("declare tests",
                c -> c.getAllMethods()
                    .stream()
                    .anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                            || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")));
    }

    private static DescribedPredicate<JavaClass> resideInProjectOutside(String ownPackage) {
        return DescribedPredicate.describe("reside in the project outside " + ownPackage,
                c -> c.getPackageName().startsWith(BASE) && !c.getPackageName().startsWith(ownPackage));
    }

    private static ArchCondition<JavaMethod> returnAConcreteType() {
        return new ArchCondition<>("return a concrete type") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean satisfied = !method.getRawReturnType().isInterface();
                events.add(new SimpleConditionEvent(method, satisfied,
                        method.getFullName() + " returns the interface " + method.getRawReturnType().getName()));
            }
        };
    }

}
