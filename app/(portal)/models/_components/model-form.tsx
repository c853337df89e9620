"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
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
        <label>
          Key (stable identifier used in URLs and the API)
          <input name="key" defaultValue={v.key} placeholder="e.g. card-fraud-detector" />
          <FieldError messages={e.key} />
        </label>
      )}
      <label>
        Name
        <input name="name" defaultValue={v.name} />
        <FieldError messages={e.name} />
      </label>
      <label>
        Intended purpose
        <textarea name="intendedPurpose" defaultValue={v.intendedPurpose} />
        <FieldError messages={e.intendedPurpose} />
      </label>
      <label>
        Description
        <textarea name="description" defaultValue={v.description} />
        <FieldError messages={e.description} />
      </label>
      <label>
        Reasonably foreseeable misuse
        <textarea name="foreseeableMisuse" defaultValue={v.foreseeableMisuse} />
        <FieldError messages={e.foreseeableMisuse} />
      </label>
      <label>
        Business unit
        <input name="businessUnit" defaultValue={v.businessUnit} list="business-units" />
        <datalist id="business-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <FieldError messages={e.businessUnit} />
      </label>
      <label>
        Lifecycle
        <select name="lifecycle" defaultValue={v.lifecycle || "DEVELOPMENT"}>
          {LIFECYCLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError messages={e.lifecycle} />
      </label>
      <label>
        Our role under the AI Act
        <select name="actorRole" defaultValue={v.actorRole || "DEPLOYER"}>
          {ACTOR_ROLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError messages={e.actorRole} />
      </label>
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
        <input type="checkbox" name="publicAuthority" defaultChecked={v.publicAuthority === "on"} />
        We deploy it as a public authority or provider of public services
      </label>
      <label>
        Business owner (email)
        <input name="businessOwnerEmail" defaultValue={v.businessOwnerEmail} list="owners" />
        <FieldError messages={e.businessOwnerEmail} />
      </label>
      <label>
        Technical owner (email)
        <input name="technicalOwnerEmail" defaultValue={v.technicalOwnerEmail} list="owners" />
        <FieldError messages={e.technicalOwnerEmail} />
      </label>
      <datalist id="owners">
        {owners.map((o) => (
          <option key={o.email} value={o.email}>
            {o.name}
          </option>
        ))}
      </datalist>
      <label>
        Deployment environments (comma-separated)
        <input name="environments" defaultValue={v.environments} />
        <FieldError messages={e.environments} />
      </label>
      <label>
        Next review date
        <input name="nextReviewAt" type="date" defaultValue={v.nextReviewAt} />
        <FieldError messages={e.nextReviewAt} />
      </label>
      <label>
        EU database registration id (Art. 49)
        <input name="euDatabaseId" defaultValue={v.euDatabaseId} />
        <FieldError messages={e.euDatabaseId} />
      </label>
      <div>
        <button type="submit" disabled={pending}>
          {mode === "create" ? "Register model" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
