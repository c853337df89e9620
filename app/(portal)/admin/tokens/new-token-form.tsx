"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { Field } from "@/app/_components/field";
import { createTokenAction, type NewTokenState } from "./actions";

export function NewTokenForm({ ownModelsOnly }: { ownModelsOnly: boolean }) {
  const [state, action, pending] = useActionState<NewTokenState, FormData>(createTokenAction, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form key={state.token ?? JSON.stringify(v)} className="stack" action={action} noValidate>
      {state.token && (
        <div className="notice" data-testid="new-token">
          <p>
            Token <strong>{state.name}</strong> created. Copy it now: it is shown only once and stored only as a hash.
          </p>
          <code data-testid="new-token-value" style={{ wordBreak: "break-all" }}>
            {state.token}
          </code>
        </div>
      )}
      {state.formError && <p className="form-error">{state.formError}</p>}
      <Field label="Name" errors={e.name}>
        <input name="name" defaultValue={v.name} placeholder="e.g. fraud-detector CI" />
      </Field>
      <fieldset>
        <legend>Scopes</legend>
        {(["read", "write", "monitoring"] as const).map((s) => (
          <label key={s} style={{ display: "inline-flex", gap: "0.3rem", marginRight: "1rem", fontWeight: 400 }}>
            <input type="checkbox" name="scopes" value={s} defaultChecked /> {s}
          </label>
        ))}
        <FieldError messages={e.scopes} />
      </fieldset>
      <label>
        Models (keys, comma separated){ownModelsOnly ? " — required: models you own" : " — empty: every model you may edit"}
        <input name="modelKeys" defaultValue={v.modelKeys} />
        <FieldError
          messages={
            e.modelKeys ??
            Object.entries(e)
              .filter(([k]) => k.startsWith("modelKeys."))
              .flatMap(([, m]) => m)
          }
        />
      </label>
      <Field label="Expires in (days, at most 366)" errors={e.expiresInDays}>
        <input name="expiresInDays" type="number" min={1} max={366} defaultValue={v.expiresInDays || "90"} />
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          Create token
        </button>
      </div>
    </form>
  );
}
