import type { FieldSpec } from "@/app/_components/simple-form";

export const ASSESSMENT_STATUS_OPTIONS = [
  ["FINAL", "Final"],
  ["DRAFT", "Draft"],
] as const;

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** A version's descriptive fields, shared by the "add a version" form and its correction form. */
export function versionDetailFields(
  modelKey: string,
  v?: Partial<Record<"registryUri" | "stage" | "trainingPipelineVersion" | "servingPipelineVersion" | "rollbackTargetVersion" | "rollbackProcedure", string | null>> & { deployedAt?: Date | null },
): FieldSpec[] {
  return [
    { name: "registryUri", label: "Registry URI", help: `e.g. models:/${modelKey}/7`, defaultValue: v?.registryUri ?? undefined },
    { name: "stage", label: "Stage", defaultValue: v?.stage ?? undefined },
    { name: "deployedAt", label: "Deployed on", kind: "date", defaultValue: day(v?.deployedAt) },
    { name: "trainingPipelineVersion", label: "Training feature-pipeline version", defaultValue: v?.trainingPipelineVersion ?? undefined },
    { name: "servingPipelineVersion", label: "Serving feature-pipeline version", defaultValue: v?.servingPipelineVersion ?? undefined },
    { name: "rollbackTargetVersion", label: "Rollback target version", defaultValue: v?.rollbackTargetVersion ?? undefined },
    { name: "rollbackProcedure", label: "Rollback procedure", kind: "textarea", defaultValue: v?.rollbackProcedure ?? undefined },
  ];
}

type IncidentValues = {
  title: string;
  occurredAt: Date;
  awareAt: Date;
  severity: string;
  deadlineRule: string;
  description: string;
  affectedPersons: string | null;
  correctiveActions: string | null;
  authorityNotifiedAt: Date | null;
};

/** An incident's fields, shared by the "record an incident" form and its correction form. */
export function incidentFields(i?: IncidentValues): FieldSpec[] {
  const today = new Date().toISOString().slice(0, 10);
  return [
    { name: "title", label: "Title", defaultValue: i?.title },
    { name: "occurredAt", label: "Occurred on", kind: "date", defaultValue: i ? day(i.occurredAt) : today },
    { name: "awareAt", label: "Became aware on", kind: "date", defaultValue: i ? day(i.awareAt) : today },
    {
      name: "severity",
      label: "Severity",
      kind: "select",
      options: [
        ["SERIOUS", "Serious"],
        ["HIGH", "High"],
        ["MEDIUM", "Medium"],
        ["LOW", "Low"],
      ],
      defaultValue: i?.severity,
    },
    {
      name: "deadlineRule",
      label: "Reporting deadline",
      kind: "select",
      options: [
        ["STANDARD", "15 days (Art. 73(2))"],
        ["DEATH", "10 days: a death (Art. 73(4))"],
        ["WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE", "2 days: widespread or critical infrastructure (Art. 73(3))"],
      ],
      defaultValue: i?.deadlineRule,
    },
    { name: "description", label: "What happened", kind: "textarea", defaultValue: i?.description },
    { name: "affectedPersons", label: "Affected persons", defaultValue: i?.affectedPersons ?? undefined },
    { name: "correctiveActions", label: "Corrective actions", kind: "textarea", defaultValue: i?.correctiveActions ?? undefined },
    { name: "authorityNotifiedAt", label: "Authority notified on", kind: "date", defaultValue: day(i?.authorityNotifiedAt) },
  ];
}
