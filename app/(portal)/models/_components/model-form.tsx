"use client";

import { useActionState } from "react";
import { Field, SelectField } from "@/app/_components/field";
import type { ModelFormState } from "./actions";

const ACTOR_ROLES = [
  ["DEPLOYER", "Deployer"],
  ["PROVIDER", "Provider"],
  ["IMPORTER", "Importer"],
  ["DISTRIBUTOR", "Distributor"],
] as const;
const LIFECYCLES = [
  ["DEVELOPMENT", "Development"],
  ["VALIDATION", "Validation"],
  ["PRODUCTION", "Production"],
  ["RETIRED", "Retired"],
] as const;

export type ModelFormValues = Record<string, string>;

export function ModelForm({
  action,
  initial,
  mode,
  owners,
  units,
}: {
  action: (state: ModelFormState, formData: FormData) => Promise<ModelFormState>;
  initial: ModelFormValues;
  mode: "create" | "edit";
  owners: Array<{ email: string; name: string }>;
  units: string[];
}) {
  const [state, formAction, pending] = useActionState<ModelFormState, FormData>(action, {});
  // after an error the form shows what the user typed, not what was loaded
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  // a new key forces React to re-mount inputs with the returned values
  const formKey = JSON.stringify(v);
  return (
    <form key={formKey} className="stack" action={formAction} noValidate>
      {state.formError && (
        <p className="form-error" data-testid="form-error">
          {state.formError}
        </p>
      )}
      {mode === "edit" && <input type="hidden" name="revision" value={v.revision} />}
      {mode === "create" && (
        <Field label="Key (stable identifier used in URLs and the API)" errors={e.key}>
          <input name="key" defaultValue={v.key} placeholder="e.g. card-fraud-detector" />
        </Field>
      )}
      <Field label="Name" errors={e.name}>
        <input name="name" defaultValue={v.name} />
      </Field>
      <Field label="Intended purpose" errors={e.intendedPurpose}>
        <textarea name="intendedPurpose" defaultValue={v.intendedPurpose} />
      </Field>
      <Field label="Description" errors={e.description}>
        <textarea name="description" defaultValue={v.description} />
      </Field>
      <Field label="Reasonably foreseeable misuse" errors={e.foreseeableMisuse}>
        <textarea name="foreseeableMisuse" defaultValue={v.foreseeableMisuse} />
      </Field>
      <Field label="Business unit" errors={e.businessUnit}>
        <input name="businessUnit" defaultValue={v.businessUnit} list="business-units" />
        <datalist id="business-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </Field>
      <SelectField label="Lifecycle" name="lifecycle" options={LIFECYCLES} defaultValue={v.lifecycle || "DEVELOPMENT"} errors={e.lifecycle} />
      <SelectField label="Our role under the AI Act" name="actorRole" options={ACTOR_ROLES} defaultValue={v.actorRole || "DEPLOYER"} errors={e.actorRole} />
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
        <input type="checkbox" name="publicAuthority" defaultChecked={v.publicAuthority === "on"} />
        We deploy it as a public authority or provider of public services
      </label>
      <Field label="Business owner (email)" errors={e.businessOwnerEmail}>
        <input name="businessOwnerEmail" defaultValue={v.businessOwnerEmail} list="owners" />
      </Field>
      <Field label="Technical owner (email)" errors={e.technicalOwnerEmail}>
        <input name="technicalOwnerEmail" defaultValue={v.technicalOwnerEmail} list="owners" />
      </Field>
      <datalist id="owners">
        {owners.map((o) => (
          <option key={o.email} value={o.email}>
            {o.name}
          </option>
        ))}
      </datalist>
      <Field label="Deployment environments (comma-separated)" errors={e.environments}>
        <input name="environments" defaultValue={v.environments} />
      </Field>
      <Field label="Next review date" errors={e.nextReviewAt}>
        <input name="nextReviewAt" type="date" defaultValue={v.nextReviewAt} />
      </Field>
      <Field label="EU database registration id (Art. 49)" errors={e.euDatabaseId}>
        <input name="euDatabaseId" defaultValue={v.euDatabaseId} />
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          {mode === "create" ? "Register model" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
