"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import type { DatasetFormState } from "./actions";

const FIELDS: Array<[name: string, label: string, long?: boolean]> = [
  ["name", "Name"],
  ["version", "Version"],
  ["description", "Description", true],
  ["source", "Source"],
  ["provenance", "Provenance (origin, lineage)", true],
  ["collectionPeriod", "Collection period"],
  ["collectionMethod", "Collection method", true],
  ["preprocessing", "Preprocessing, labelling, cleaning", true],
  ["size", "Size"],
  ["licence", "Licence"],
  ["knownBiases", "Known biases (Art. 10(2)(f))", true],
  ["biasMitigations", "Bias mitigations (Art. 10(2)(g))", true],
  ["ownerEmail", "Owner (email)"],
];

export function DatasetForm({ action, initial, mode }: { action: (s: DatasetFormState, f: FormData) => Promise<DatasetFormState>; initial: Record<string, string>; mode: "create" | "edit" }) {
  const [state, formAction, pending] = useActionState<DatasetFormState, FormData>(action, {});
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    <form key={JSON.stringify(v)} action={formAction} className="stack" noValidate>
      {state.formError && (
        <p className="form-error" data-testid="form-error">
          {state.formError}
        </p>
      )}
      {mode === "edit" && <input type="hidden" name="revision" value={v.revision} />}
      {mode === "create" && (
        <Field label="Key" errors={e.key}>
          <input name="key" defaultValue={v.key} placeholder="e.g. card-authorisations" />
        </Field>
      )}
      {FIELDS.map(([name, label, long]) => (
        <Field key={name} label={label} errors={e[name]}>
          {long ? <textarea name={name} defaultValue={v[name]} /> : <input name={name} defaultValue={v[name]} />}
        </Field>
      ))}
      <label style={{ display: "flex", gap: "0.5rem" }}>
        <input type="checkbox" name="personalData" defaultChecked={v.personalData === "on"} /> Contains personal data
      </label>
      <label style={{ display: "flex", gap: "0.5rem" }}>
        <input type="checkbox" name="specialCategoryData" defaultChecked={v.specialCategoryData === "on"} /> Contains special-category data (Art. 9 GDPR)
      </label>
      <div>
        <button type="submit" disabled={pending}>
          {mode === "create" ? "Add dataset" : "Save dataset"}
        </button>
      </div>
    </form>
  );
}
