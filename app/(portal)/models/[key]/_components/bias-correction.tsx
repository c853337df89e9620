import type { FieldSpec } from "@/app/_components/simple-form";
import type { AssessmentFields } from "@/lib/bias/assessments";
import { RecordCorrection } from "./record-correction";
import { ASSESSMENT_STATUS_OPTIONS } from "./record-fields";
import { correctBiasAction, withdrawBiasAction } from "./manage-actions";

const METRICS = [
  ["demographic_parity_difference", "Demographic parity difference"],
  ["equal_opportunity_difference", "Equal opportunity difference"],
  ["disparate_impact_ratio", "Disparate impact ratio"],
] as const;

type Assessment = AssessmentFields & { id: string };

/** Correct (in place, with optimistic locking) or withdraw one bias assessment; the history keeps both. */
export function BiasCorrection({ modelKey, assessment: a }: { modelKey: string; assessment: Assessment }) {
  const rows = Math.max(3, a.metrics.length);
  const metricFields: FieldSpec[] = Array.from({ length: rows }, (_, i) => {
    const m = a.metrics[i];
    return [
      { name: `metrics_${i}_metric`, label: `Metric ${i + 1}`, kind: "select" as const, options: METRICS, defaultValue: m?.metric },
      { name: `metrics_${i}_group`, label: `Groups compared ${i + 1}`, defaultValue: m?.group },
      { name: `metrics_${i}_value`, label: `Value ${i + 1}`, kind: "number" as const, defaultValue: m ? String(m.value) : undefined },
      { name: `metrics_${i}_threshold`, label: `Threshold ${i + 1}`, kind: "number" as const, defaultValue: m ? String(m.threshold) : undefined },
    ];
  }).flat();
  return (
    <RecordCorrection
      id={`correct-bias-${a.id}`}
      what="this assessment"
      testId="bias"
      revision={a.revision}
      correct={correctBiasAction.bind(null, modelKey, a.id)}
      withdraw={withdrawBiasAction.bind(null, modelKey, a.id)}
      withdrawnEffect="the compliance engine no longer counts it."
      fields={[
        { name: "assessedAt", label: "Assessed on", kind: "date", defaultValue: a.assessedAt.toISOString().slice(0, 10) },
        { name: "methodology", label: "Methodology", kind: "textarea", defaultValue: a.methodology },
        { name: "protectedAttributes", label: "Protected attributes (comma-separated)", defaultValue: a.protectedAttributes.join(", ") },
        ...metricFields,
        { name: "findings", label: "Findings", kind: "textarea", defaultValue: a.findings ?? "" },
        { name: "mitigations", label: "Mitigations", kind: "textarea", defaultValue: a.mitigations ?? "" },
        {
          name: "status",
          label: "Status",
          kind: "select",
          options: ASSESSMENT_STATUS_OPTIONS,
          defaultValue: a.status,
        },
      ]}
    />
  );
}
