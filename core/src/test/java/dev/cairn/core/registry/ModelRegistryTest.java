package dev.cairn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry over a real H2 file: versions, stages, aliases, tags, card, governance, audit, search. */
@ExtendWith(FreshWorkspaceExtension.class)
class ModelRegistryTest {

    private ModelRegistry registry;

    @BeforeEach
    void open(Workspace workspace) {
        registry = RegistryServices.of(workspace, TrackingServices.of(workspace)).registry();
    }

    @Test
    void versionsAreNumberedPerModelAndNeverReused() {
        registry.createModel("fraud", "catches fraud", Map.of("team", "risk"));
        assertThat(registry.createVersion("fraud", "runs:/a/model", null, null, null, Map.of(), null).version()).isEqualTo(1);
        assertThat(registry.createVersion("fraud", "runs:/b/model", null, null, null, Map.of(), null).version()).isEqualTo(2);
        registry.deleteVersion("fraud", 2);
        assertThat(registry.createVersion("fraud", "runs:/c/model", null, null, null, Map.of(), null).version()).isEqualTo(3);
        assertThat(registry.versions("fraud")).extracting(ModelVersion::version).containsExactly(3, 1);

        assertThatThrownBy(() -> registry.createModel("fraud", null, Map.of()))
                .isInstanceOfSatisfying(TrackingException.class,
                        e -> assertThat(e.kind()).isEqualTo(TrackingException.Kind.ALREADY_EXISTS));
        assertThatThrownBy(() -> registry.createVersion("nope", "x", null, null, null, Map.of(), null))
                .isInstanceOfSatisfying(TrackingException.class,
                        e -> assertThat(e.kind()).isEqualTo(TrackingException.Kind.NOT_FOUND));
    }

    @Test
    void transitionWithArchiveExistingMovesTheOldProductionVersionToArchived() {
        registry.createModel("m", null, Map.of());
        for (int i = 0; i < 3; i++) {
            registry.createVersion("m", "src" + i, null, null, null, Map.of(), null);
        }
        registry.transitionStage("m", 1, Stage.PRODUCTION, false);
        registry.transitionStage("m", 2, Stage.PRODUCTION, false);
        registry.transitionStage("m", 3, Stage.parse("production"), true);

        assertThat(registry.getVersion("m", 1).stage()).isEqualTo(Stage.ARCHIVED);
        assertThat(registry.getVersion("m", 2).stage()).isEqualTo(Stage.ARCHIVED);
        assertThat(registry.getVersion("m", 3).stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.latestVersions("m", List.of())).extracting(v -> v.stage() + ":" + v.version())
                .containsExactly("PRODUCTION:3", "ARCHIVED:2");
        assertThatThrownBy(() -> Stage.parse("Shipping")).hasMessageContaining("None, Staging, Production, Archived");
    }

    @Test
    void aliasesMoveFollowVersionsAndRejectReservedNames() {
        registry.createModel("m", null, Map.of());
        registry.createVersion("m", "a", null, null, null, Map.of(), null);
        registry.createVersion("m", "b", null, null, null, Map.of(), null);
        registry.setAlias("m", "champion", 1);
        registry.setAlias("m", "champion", 2);
        assertThat(registry.versionByAlias("m", "champion").version()).isEqualTo(2);
        assertThat(registry.getVersion("m", 2).aliases()).containsExactly("champion");
        assertThat(registry.getModel("m").aliases()).containsEntry("champion", 2);

        assertThatThrownBy(() -> registry.setAlias("m", "latest", 1)).hasMessageContaining("reserved");
        assertThatThrownBy(() -> registry.setAlias("m", "v3", 1)).hasMessageContaining("reserved");
        assertThatThrownBy(() -> registry.setAlias("m", "has space", 1)).hasMessageContaining("Invalid alias");

        registry.deleteVersion("m", 2);
        assertThat(registry.getModel("m").aliases()).isEmpty();
    }

    @Test
    void renameCarriesVersionsTagsAliasesAndTheAuditTrail() {
        registry.createModel("old", null, Map.of("k", "v"));
        registry.createVersion("old", "a", null, null, null, Map.of("vk", "vv"), null);
        registry.setAlias("old", "prod", 1);
        registry.renameModel("old", "new");

        RegisteredModel renamed = registry.getModel("new");
        assertThat(renamed.tags()).containsEntry("k", "v");
        assertThat(renamed.aliases()).containsEntry("prod", 1);
        assertThat(registry.getVersion("new", 1).tags()).containsEntry("vk", "vv");
        assertThat(registry.auditTrail("new")).extracting(AuditEntry::action)
                .containsExactly("rename model", "set alias", "create version", "create model");
        assertThatThrownBy(() -> registry.getModel("old")).isInstanceOf(TrackingException.class);
    }

    @Test
    void cardAndGovernanceChangesAreAuditedWithBeforeAndAfter() {
        registry.createModel("m", null, Map.of());
        registry.updateCard("m", "# Fraud model\nTrained on 2025 data.");
        registry.updateGovernance("m", new Governance("ana", "flag fraud", "payments 2025", null, null));
        registry.updateGovernance("m", new Governance("ana", "flag fraud", "payments 2025", "bo", 1_700_000_000_000L));

        RegisteredModel model = registry.getModel("m");
        assertThat(model.card()).startsWith("# Fraud model");
        assertThat(model.governance().approved()).isTrue();
        assertThat(model.governance().approvedBy()).isEqualTo("bo");

        List<AuditEntry> trail = registry.auditTrail("m");
        assertThat(trail).extracting(AuditEntry::field)
                .containsExactly("approved_time", "approved_by", "data_sources", "purpose", "owner", "card", null);
        AuditEntry approval = trail.get(1);
        assertThat(approval.before()).isNull();
        assertThat(approval.after()).isEqualTo("bo");
        assertThat(approval.user()).isNotBlank();
        assertThat(approval.time()).isPositive();
    }

    @Test
    void searchFiltersOrdersAndPagesInSql() {
        for (String name : List.of("fraud-a", "fraud-b", "churn", "FRAUD-C")) {
            registry.createModel(name, null, name.startsWith("fraud") ? Map.of("team", "risk") : Map.of());
            registry.createVersion(name, "src", "run-" + name, null, null, Map.of(), null);
        }
        assertThat(registry.searchModels("name LIKE 'fraud%'", 0, List.of(), null).items())
                .extracting(RegisteredModel::name).containsExactly("fraud-a", "fraud-b");
        assertThat(registry.searchModels("name ILIKE 'fraud%'", 0, List.of("name DESC"), null).items())
                .extracting(RegisteredModel::name).containsExactly("fraud-b", "fraud-a", "FRAUD-C");
        assertThat(registry.searchModels("tags.team = 'risk'", 0, List.of(), null).items()).hasSize(2);

        var first = registry.searchModels(null, 3, List.of(), null);
        assertThat(first.items()).hasSize(3);
        var second = registry.searchModels(null, 3, List.of(), first.nextPageToken());
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextPageToken()).isNull();

        assertThat(registry.searchVersions("run_id = 'run-churn'", 0, List.of(), null).items())
                .extracting(ModelVersion::name).containsExactly("churn");
        assertThat(registry.searchVersions("name = 'fraud-a' AND version_number = 1", 0, List.of(), null).items())
                .hasSize(1);
        assertThatThrownBy(() -> registry.searchVersions("metrics.x > 1", 0, List.of(), null))
                .hasMessageContaining("Invalid attribute key");
        assertThatThrownBy(() -> registry.searchModels("name = ", 0, List.of(), null))
                .isInstanceOf(TrackingException.class);
    }
}
