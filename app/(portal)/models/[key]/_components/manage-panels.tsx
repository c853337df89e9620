import { SimpleForm, type FieldSpec } from "@/app/_components/simple-form";
import { FIX_FORMS } from "@/lib/models/fix-href";
import { OpenFromHash } from "@/app/_components/open-from-hash";
import { ASSESSMENT_STATUS_OPTIONS, incidentFields, versionDetailFields } from "./record-fields";
import { datasetChoices } from "@/lib/datasets/datasets";
import { biasAssessmentAction, createVersionAction, incidentAction, linkDatasetAction, monitoringConfigAction, recordDrillAction } from "./manage-actions";

const PURPOSES = [
  ["TRAINING", "Training"],
  ["VALIDATION", "Validation"],
  ["TEST", "Test"],
  ["MONITORING_REFERENCE", "Monitoring reference"],
] as const;
const METRICS = [
  ["demographic_parity_difference", "Demographic parity difference"],
  ["equal_opportunity_difference", "Equal opportunity difference"],
  ["disparate_impact_ratio", "Disparate impact ratio"],
] as const;

/** The create/record forms of the model page, for people who may edit the model. */
export async function ManagePanels({
  modelKey,
  versions,
  config,
}: {
  modelKey: string;
  versions: string[];
  config: { enabled: boolean; features: string[]; warningThreshold: number; criticalThreshold: number; cadenceDays: number } | null;
}) {
  const datasets = await datasetChoices();
  const versionOptions = versions.map((v) => [v, v] as const);
  const today = new Date().toISOString().slice(0, 10);
  const metricRows: FieldSpec[] = [0, 1, 2].flatMap((i) => [
    { name: `metrics_${i}_metric`, label: `Metric ${i + 1}`, kind: "select" as const, options: METRICS },
    { name: `metrics_${i}_group`, label: `Groups compared ${i + 1}`, help: i === 0 ? "e.g. sex=female vs male" : undefined },
    { name: `metrics_${i}_value`, label: `Value ${i + 1}`, kind: "number" as const },
    { name: `metrics_${i}_threshold`, label: `Threshold ${i + 1}`, kind: "number" as const, help: i === 0 ? "Differences pass at or below it (absolute); ratios at or above it." : undefined },
  ]);
  return (
    <section className="card" id="manage" data-testid="manage-panels">
      <h2 style={{ marginTop: 0 }}>Record and update</h2>
      <OpenFromHash />
      <details id={FIX_FORMS.version}>
        <summary>Add a version</summary>
        <SimpleForm
          testId="version-form"
          action={createVersionAction.bind(null, modelKey)}
          submitLabel="Add version"
          fields={[{ name: "version", label: "Version label" }, { name: "active", label: "This is the serving version", kind: "checkbox" }, ...versionDetailFields(modelKey)]}
        />
      </details>
      {versions.length > 0 && (
        <details id={FIX_FORMS.drill}>
          <summary>Record a rollback drill</summary>
          <SimpleForm
            testId="drill-form"
            action={recordDrillAction.bind(null, modelKey)}
            submitLabel="Record drill"
            fields={[
              { name: "version", label: "Version rolled back", kind: "select", options: versionOptions },
              { name: "performedAt", label: "Performed on", kind: "date", defaultValue: today },
              { name: "minutes", label: "Measured minutes", kind: "number" },
            ]}
          />
        </details>
      )}
      {versions.length > 0 && (
        <details id={FIX_FORMS.dataset}>
          <summary>Link a dataset</summary>
          <SimpleForm
            testId="link-dataset-form"
            action={linkDatasetAction.bind(null, modelKey)}
            submitLabel="Link dataset"
            fields={[
              { name: "version", label: "Model version", kind: "select", options: versionOptions },
              { name: "datasetId", label: "Dataset", kind: "select", options: [["", "Choose…"], ...datasets.map((d) => [d.id, `${d.name} v${d.version}`] as const)] },
              { name: "purpose", label: "Purpose", kind: "select", options: PURPOSES },
            ]}
          />
        </details>
      )}
      {versions.length > 0 && (
        <details id={FIX_FORMS.bias}>
          <summary>Record a bias assessment</summary>
          <SimpleForm
            testId="bias-form"
            action={biasAssessmentAction.bind(null, modelKey)}
            submitLabel="Record assessment"
            fields={[
              { name: "version", label: "Version assessed", kind: "select", options: versionOptions },
              { name: "assessedAt", label: "Assessed on", kind: "date", defaultValue: today },
              { name: "methodology", label: "Methodology", kind: "textarea" },
              { name: "protectedAttributes", label: "Protected attributes (comma-separated)" },
              ...metricRows,
              { name: "findings", label: "Findings", kind: "textarea" },
              { name: "mitigations", label: "Mitigations", kind: "textarea" },
              {
                name: "status",
                label: "Status",
                kind: "select",
                options: ASSESSMENT_STATUS_OPTIONS,
              },
            ]}
          />
        </details>
      )}
      <details id={FIX_FORMS.monitoring}>
        <summary>Configure drift monitoring</summary>
        <SimpleForm
          testId="monitoring-form"
          action={monitoringConfigAction.bind(null, modelKey)}
          submitLabel="Save monitoring"
          fields={[
            { name: "enabled", label: "Monitoring enabled", kind: "checkbox", defaultValue: config?.enabled === false ? "" : "on" },
            { name: "features", label: "Features watched (comma-separated)", defaultValue: config?.features.join(", ") ?? "" },
            { name: "warningThreshold", label: "Warning threshold (PSI)", kind: "number", defaultValue: String(config?.warningThreshold ?? 0.1) },
            { name: "criticalThreshold", label: "Critical threshold (PSI)", kind: "number", defaultValue: String(config?.criticalThreshold ?? 0.25) },
            { name: "cadenceDays", label: "Expected check every (days)", kind: "number", defaultValue: String(config?.cadenceDays ?? 7) },
          ]}
        />
      </details>
      <details id={FIX_FORMS.incident}>
        <summary>Record an incident (Art. 73)</summary>
        <SimpleForm testId="incident-form" action={incidentAction.bind(null, modelKey)} submitLabel="Record incident" fields={incidentFields()} />
      </details>
    </section>
  );
}
