package dev.tasktrail.testing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operations.md} lists every setting of the service with the default the code has. A service's
 * {@code OperationsDocTest} extends this and names its {@code @ConfigMapping}; the section {@code ## <module>}
 * of the page is checked against it both ways, and the {@code QUARKUS_*} rows against what the service's
 * {@code application.properties} sets.
 */
public abstract class OperationsDocContract {

    protected final ServiceModule module = ServiceModule.current();

    /** The service's {@code @ConfigMapping} interface. */
    protected abstract Class<?> configMapping();

    @Test
    void documentsEverySettingWithTheDefaultOfTheCode() {
        Map<String, OperationsDoc.Row> rows = OperationsDoc.section(module);
        Properties properties = module.applicationProperties();
        List<String> problems = new ArrayList<>();
        for (EnvironmentVariable mapped : ConfigMappingWalker.variables(configMapping())) {
            EnvironmentVariable variable = withServiceDefault(mapped, properties);
            OperationsDoc.Row row = rows.get(variable.name());
            if (row == null) {
                problems.add(variable.name() + " (" + variable.property() + ") is not documented");
                continue;
            }
            if (row.meaning().isBlank()) {
                problems.add(variable.name() + " has no meaning");
            }
            String cell = row.defaultCell();
            if (variable.required()) {
                if (!cell.startsWith("required")) {
                    problems.add(variable.name() + " is required, documented as: " + cell);
                }
            } else if (variable.defaultValue().isEmpty()) {
                if (!cell.startsWith("unset")) {
                    problems.add(variable.name() + " is optional without default, documented as: " + cell);
                }
            } else {
                String expected = variable.defaultValue().get();
                boolean same = OperationsDoc.documentedDefault(row)
                        .map(documented -> SettingValues.same(variable.type(), expected, documented))
                        .orElse(false);
                if (!same) {
                    problems.add(variable.name() + " defaults to `" + expected + "`, documented as: " + cell);
                }
            }
        }
        assertThat(problems).as("%s, section ## %s", OperationsDoc.path(module), module.name()).isEmpty();
    }

    /**
     * A literal value in {@code application.properties} is the service's default for that setting (e.g. a shared
     * group whose {@code @WithDefault} one service overrides); {@code ${...}} expressions only name the variable.
     */
    private static EnvironmentVariable withServiceDefault(EnvironmentVariable variable, Properties properties) {
        String value = properties.getProperty(variable.property());
        if (value == null || value.contains("${")) {
            return variable;
        }
        return new EnvironmentVariable(variable.name(), variable.property(), Optional.of(value),
                variable.optional(), variable.type());
    }

    @Test
    void documentsNoTaskSettingTheServiceDoesNotHave() {
        Map<String, EnvironmentVariable> known = ConfigMappingWalker.byName(configMapping());
        List<String> unknown = OperationsDoc.section(module).keySet().stream()
                .filter(name -> name.startsWith("TASK_"))
                .filter(name -> !known.containsKey(name))
                .toList();
        assertThat(unknown).as("TASK_* variables in section ## %s of %s that %s does not read", module.name(),
                OperationsDoc.path(module), configMapping().getSimpleName()).isEmpty();
    }

    @Test
    void documentsQuarkusSettingsWithTheValueTheServiceSets() {
        Properties properties = module.applicationProperties();
        Map<String, OperationsDoc.Row> rows = OperationsDoc.section(module);
        List<String> problems = new ArrayList<>();
        for (String property : properties.stringPropertyNames()) {
            String value = properties.getProperty(property);
            OperationsDoc.Row row = rows.get(EnvironmentVariable.environmentName(property));
            if (property.startsWith("%") || !property.startsWith("quarkus.") || row == null || value.contains("${")) {
                continue;
            }
            if (!OperationsDoc.documentedDefault(row).map(value::equals).orElse(false)) {
                problems.add(row.variable() + ": application.properties sets `" + value + "`, documented as: "
                        + row.defaultCell());
            }
        }
        assertThat(problems).as("%s, section ## %s", OperationsDoc.path(module), module.name()).isEmpty();
    }
}
