// Where a "what is missing" link takes the person who fixes the gap: to the form that fixes it, open,
// not to a read-only section above it. The catalogue entry says where (`fixAt`); this turns it into a URL.
// Anchors starting with "fix-" name <details> forms on the model page (manage-panels);
// app/_components/open-from-hash.tsx opens and focuses them.
import { REQUIREMENTS_BY_ID, type FixTarget, type ModelPageForm } from "../compliance";

/** Anchors of the model page's record-and-update forms. */
export const FIX_FORMS = {
  version: "fix-version",
  drill: "fix-drill",
  dataset: "fix-dataset",
  bias: "fix-bias",
  monitoring: "fix-monitoring",
  incident: "fix-incident",
} as const satisfies Record<ModelPageForm, string>;

export type FixContext = {
  /** the first dataset linked to the active version that lacks provenance / a bias examination */
  datasetLacking?: { provenance?: string; biasExamination?: string };
  /** whether the model has any version (the drill, dataset and bias forms need one) */
  hasVersion: boolean;
};

export function fixTargetHref(key: string, target: FixTarget, ctx: FixContext): string {
  const page = `/models/${key}`;
  switch (target.page) {
    case "documentation":
      return `${page}/documentation#section-${target.section}`;
    case "model": {
      const dataset = target.orDatasetLacking && ctx.datasetLacking?.[target.orDatasetLacking];
      if (dataset) return `/datasets/${dataset}/edit`;
      return `${page}#${target.needsVersion && !ctx.hasVersion ? FIX_FORMS.version : FIX_FORMS[target.form]}`;
    }
    default:
      return `${page}/${target.page}`;
  }
}

/** The link for a requirement item; an id the catalogue does not know (none should reach here) opens the model page. */
export function fixHref(key: string, item: { id: string }, ctx: FixContext): string {
  const requirement = REQUIREMENTS_BY_ID.get(item.id);
  return requirement ? fixTargetHref(key, requirement.fixAt, ctx) : `/models/${key}`;
}
