// Where a "what is missing" link takes the person who fixes the gap: to the form that fixes it, open,
// not to a read-only section above it. Anchors starting with "fix-" name <details> forms on the model
// page (manage-panels); app/_components/open-from-hash.tsx opens and focuses them.

/** Anchors of the model page's record-and-update forms. */
export const FIX_FORMS = {
  version: "fix-version",
  drill: "fix-drill",
  dataset: "fix-dataset",
  bias: "fix-bias",
  monitoring: "fix-monitoring",
  incident: "fix-incident",
} as const;

export type FixContext = {
  /** the first dataset linked to the active version that lacks provenance / a bias examination */
  datasetLacking?: { provenance?: string; biasExamination?: string };
  /** whether the model has any version (the drill, dataset and bias forms need one) */
  hasVersion: boolean;
};

export function fixHref(key: string, item: { id: string; sectionKey?: string | null }, ctx: FixContext): string {
  const page = `/models/${key}`;
  if (item.sectionKey) return `${page}/documentation#section-${item.sectionKey}`;
  const needsVersion = (anchor: string) => `${page}#${ctx.hasVersion ? anchor : FIX_FORMS.version}`;
  switch (item.id) {
    case "RISK_CLASSIFICATION":
      return `${page}/classification`;
    case "HR_D_FRIA":
      return `${page}/fria`;
    case "ACCOUNTABLE_OWNERS":
    case "INTENDED_PURPOSE":
      return `${page}/edit`;
    case "HR_P_DATA_PROVENANCE":
      return ctx.datasetLacking?.provenance ? `/datasets/${ctx.datasetLacking.provenance}/edit` : needsVersion(FIX_FORMS.dataset);
    case "HR_P_DATA_BIAS_EXAMINATION":
      return ctx.datasetLacking?.biasExamination ? `/datasets/${ctx.datasetLacking.biasExamination}/edit` : needsVersion(FIX_FORMS.dataset);
    case "HR_P_BIAS_ASSESSMENT":
      return needsVersion(FIX_FORMS.bias);
    case "MLOPS_DRIFT_MONITORING":
    case "MLOPS_MONITORING_FRESH":
      return `${page}#${FIX_FORMS.monitoring}`;
    case "MLOPS_ROLLBACK_DRILL":
      return needsVersion(FIX_FORMS.drill);
    default:
      if (item.id.includes("EU_DATABASE") || item.id.includes("REGISTRATION")) return `${page}/eu-registration`;
      // rollback plan, training-serving skew, an active version: recorded with the version
      return `${page}#${FIX_FORMS.version}`;
  }
}
