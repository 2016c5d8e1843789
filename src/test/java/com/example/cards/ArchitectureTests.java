package com.example.cards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.configuration.annotation.StepScope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static final List<String> STEPS_AND_ABOVE = List.of("Cli", "Jobs", "Stage", "Issue", "Export");

    /**
     * The layers, top down, each with the layers that may use it ({@code null}: any).
     */
    private static final List<Layer> LAYERS = List.of(new Layer("Cli", "cli", List.of()),
            new Layer("Jobs", "jobs", List.of("Cli")), new Layer("Stage", "stage", List.of("Cli", "Jobs")),
            new Layer("Issue", "issue", List.of("Cli", "Jobs")), new Layer("Export", "export", List.of("Cli", "Jobs")),
            new Layer("Run", "run", STEPS_AND_ABOVE), new Layer("Reference", "reference", STEPS_AND_ABOVE),
            new Layer("Request", "request", List.of("Cli", "Jobs", "Stage", "Issue", "Export", "Run", "Reference")),
            new Layer("Db", "db", STEPS_AND_ABOVE),
            new Layer("Application", null,
                    List.of("Cli", "Jobs", "Stage", "Issue", "Export", "Run", "Reference", "Request", "Db")),
            new Layer("Crypto", "crypto", null));

    @Test
    void layersFollowTheDataFlow() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : LAYERS) {
            layers = layers.layer(layer.name()).definedBy(layer.identifier());
        }
        for (Layer layer : LAYERS) {
            if (layer.usedBy() != null) {
                layers = layer.usedBy().isEmpty() ? layers.whereLayer(layer.name()).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(layer.name())
                            .mayOnlyBeAccessedByLayers(layer.usedBy().toArray(String[]::new));
            }
        }
        layers.check(classes);
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

    /**
     * The rules above read the bytecode, where javac has inlined every compile-time
     * constant (a {@code static final} number or string): a class that uses only another
     * package's constants depends on it in its source but not in its bytecode, and the
     * rules would not see that. So an import the bytecode does not show must keep the
     * same layering, and crypto imports nothing else of the project.
     */
    @Test
    void importsTheBytecodeDoesNotShowKeepTheLayering() throws IOException {
        Pattern projectImport = Pattern.compile("^import (?:static )?(" + Pattern.quote(BASE) + "\\.[\\w.]*?[A-Z]\\w*)",
                Pattern.MULTILINE);
        List<String> broken = new ArrayList<>();
        for (JavaClass type : classes) {
            Path source = Path.of("src/main/java", type.getName().replace('.', '/') + ".java");
            if (!type.isTopLevelClass() || !Files.exists(source)) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (JavaClass own : classes) {
                if (own.equals(type) || own.getName().startsWith(type.getName() + "$")) {
                    own.getDirectDependenciesFromSelf().forEach(d -> seen.add(d.getTargetClass().getName()));
                }
            }
            Layer from = layerOf(type.getPackageName());
            Matcher imported = projectImport.matcher(Files.readString(source));
            while (imported.find()) {
                String target = imported.group(1);
                Layer to = layerOf(target.substring(0, target.lastIndexOf('.')));
                boolean hidden = seen.stream().noneMatch(name -> name.equals(target) || name.startsWith(target + "$"));
                boolean allowed = from.equals(to)
                        || (to.usedBy() == null || to.usedBy().contains(from.name())) && !from.name().equals("Crypto");
                if (hidden && !allowed) {
                    broken.add(
                            type.getSimpleName() + " (" + from.name() + ") imports " + target + " (" + to.name() + ")");
                }
            }
        }
        assertThat(broken).as("imports, seen only in the source, that break the layering").isEmpty();
    }

    private static Layer layerOf(String packageName) {
        return LAYERS.stream()
            .filter(layer -> layer.pkg() == null ? packageName.equals(BASE)
                    : (packageName + ".").startsWith(BASE + "." + layer.pkg() + "."))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no layer for " + packageName));
    }

    /**
     * A layer: the package under {@link #BASE} ({@code null}: the root package itself)
     * and the layers that may use it ({@code null}: any).
     */
    private record Layer(String name, String pkg, List<String> usedBy) {

        String identifier() {
            return pkg == null ? BASE : BASE + "." + pkg + "..";
        }

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
