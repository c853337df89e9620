"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { formValues, runForm, type ActionOutcome } from "@/lib/form-data";
import { correctVersion, createVersion, recordRollbackDrill, withdrawVersion } from "@/lib/versions/versions";
import { linkDataset } from "@/lib/datasets/datasets";
import { correctBiasAssessment, createBiasAssessment, withdrawBiasAssessment } from "@/lib/bias/assessments";
import { correctIncident, createIncident, withdrawIncident } from "@/lib/incidents/incidents";
import { saveMonitoringConfig } from "@/lib/models/monitoring-config";

const list = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const optional = (s: string | undefined) => (s ? s : undefined);

async function act(key: string, formData: FormData, saved: string, call: (actor: Awaited<ReturnType<typeof requireUser>>, v: Record<string, string>) => Promise<unknown>): Promise<ActionOutcome> {
  const actor = await requireUser();
  const v = formValues(formData);
  const outcome = await runForm(v, saved, () => call(actor, v), forbidden);
  if (outcome.saved) revalidatePath(`/models/${key}`);
  return outcome;
}

export async function createVersionAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Version recorded.", (actor, v) =>
    createVersion({
      actor,
      modelKey: key,
      input: {
        version: v.version,
        registryUri: v.registryUri,
        stage: v.stage,
        active: v.active === "on",
        deployedAt: v.deployedAt || null,
        trainingPipelineVersion: v.trainingPipelineVersion,
        servingPipelineVersion: v.servingPipelineVersion,
        rollbackTargetVersion: v.rollbackTargetVersion,
        rollbackProcedure: v.rollbackProcedure,
      },
    }),
  );
}

export async function recordDrillAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Rollback drill recorded.", (actor, v) =>
    recordRollbackDrill({ actor, modelKey: key, version: v.version ?? "", input: { performedAt: v.performedAt, minutes: v.minutes === "" ? undefined : Number(v.minutes) } }),
  );
}

export async function linkDatasetAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Dataset linked.", (actor, v) => linkDataset({ actor, key, input: { version: v.version, datasetId: v.datasetId, purpose: v.purpose } }));
}

/** The fields a bias assessment form sends, recorded or corrected alike. */
function assessmentFields(v: Record<string, string>, metrics: Array<Record<"metric" | "group" | "value" | "threshold", string | undefined>>) {
  return { assessedAt: v.assessedAt, methodology: v.methodology, protectedAttributes: list(v.protectedAttributes), findings: v.findings, mitigations: v.mitigations, status: v.status, metrics };
}

export async function biasAssessmentAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Bias assessment recorded.", (actor, v) => {
    const metrics = [0, 1, 2]
      .filter((i) => v[`metrics_${i}_group`] || v[`metrics_${i}_value`])
      .map((i) => ({ metric: v[`metrics_${i}_metric`], group: v[`metrics_${i}_group`], value: v[`metrics_${i}_value`], threshold: v[`metrics_${i}_threshold`] }));
    return createBiasAssessment({ actor, key, input: { version: v.version, ...assessmentFields(v, metrics) } });
  });
}

const incidentInput = (v: Record<string, string>) => ({
  ...v,
  authorityNotifiedAt: optional(v.authorityNotifiedAt) ?? null,
  affectedPersons: v.affectedPersons,
  correctiveActions: v.correctiveActions,
});

export async function incidentAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Incident recorded; the Art. 73 clock is running.", (actor, v) => createIncident({ actor, key, input: incidentInput(v) }));
}

export async function correctIncidentAction(key: string, id: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Incident corrected; the history keeps what it said before.", (actor, v) => correctIncident({ actor, id, input: incidentInput(v) }));
}

export async function withdrawIncidentAction(key: string, id: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Incident withdrawn; it stays in the history.", (actor, v) => withdrawIncident({ actor, id, input: { revision: v.revision, reason: v.reason } }));
}

export async function correctVersionAction(key: string, version: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Version corrected; the history keeps what it said before.", (actor, v) =>
    correctVersion({
      actor,
      modelKey: key,
      version,
      // the schema keeps only the version's own fields; empty dates and minutes clear them
      input: { ...v, deployedAt: v.deployedAt || null, lastRollbackDrillAt: v.lastRollbackDrillAt || null, lastRollbackDrillMinutes: v.lastRollbackDrillMinutes || null },
    }),
  );
}

export async function withdrawVersionAction(key: string, version: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Version withdrawn; it stays in the history.", (actor, v) => withdrawVersion({ actor, modelKey: key, version, input: { revision: v.revision, reason: v.reason } }));
}

export async function monitoringConfigAction(key: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Monitoring configuration saved.", (actor, v) =>
    saveMonitoringConfig({
      actor,
      key,
      input: { enabled: v.enabled === "on", features: list(v.features), warningThreshold: v.warningThreshold, criticalThreshold: v.criticalThreshold, cadenceDays: v.cadenceDays },
    }),
  );
}

function metricsFrom(v: Record<string, string>) {
  return Object.keys(v)
    .map((k) => /^metrics_(\d+)_metric$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .sort((a, b) => Number(a) - Number(b))
    .filter((i) => v[`metrics_${i}_group`] || v[`metrics_${i}_value`])
    .map((i) => ({ metric: v[`metrics_${i}_metric`], group: v[`metrics_${i}_group`], value: v[`metrics_${i}_value`], threshold: v[`metrics_${i}_threshold`] }));
}

export async function correctBiasAction(key: string, id: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Assessment corrected; the history keeps what it said before.", (actor, v) =>
    correctBiasAssessment({
      actor,
      id,
      input: { revision: v.revision, reason: v.reason, ...assessmentFields(v, metricsFrom(v)) },
    }),
  );
}

export async function withdrawBiasAction(key: string, id: string, _p: ActionOutcome, formData: FormData) {
  return act(key, formData, "Assessment withdrawn; it stays in the history.", (actor, v) => withdrawBiasAssessment({ actor, id, input: { revision: v.revision, reason: v.reason } }));
}
