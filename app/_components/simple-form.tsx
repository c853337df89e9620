"use client";

import { useActionState } from "react";
import { Options } from "./field";
import { FieldError } from "./field-error";

export type FormState = { fieldErrors?: Record<string, string[]>; formError?: string; saved?: string; values?: Record<string, string> };

export type FieldSpec = {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "select" | "date" | "datetime-local" | "number" | "checkbox";
  options?: ReadonlyArray<readonly [value: string, label: string]>;
  defaultValue?: string;
  help?: string;
};

/**
 * A form driven by a field list, for the many small create forms of the workspace: field-level
 * errors, and on an error the user's input comes back (nothing typed is lost).
 */
export function SimpleForm({
  action,
  fields,
  submitLabel,
  testId,
  hidden = {},
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel: string;
  testId?: string;
  hidden?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="stack" data-testid={testId} noValidate key={JSON.stringify(state)}>
      {state.formError && <p className="form-error">{state.formError}</p>}
      {state.saved && <p className="notice">{state.saved}</p>}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => {
        const value = v[f.name] ?? f.defaultValue ?? "";
        const kind = f.kind ?? "text";
        return (
          <label key={f.name} style={kind === "checkbox" ? { display: "flex", gap: "0.5rem" } : undefined}>
            {kind === "checkbox" ? <input type="checkbox" name={f.name} defaultChecked={value === "on"} /> : null}
            {f.label}
            {kind === "textarea" ? (
              <textarea name={f.name} defaultValue={value} rows={3} aria-invalid={!!e[f.name]} />
            ) : kind === "select" ? (
              <select name={f.name} defaultValue={value} aria-invalid={!!e[f.name]}>
                <Options options={f.options ?? []} />
              </select>
            ) : kind === "checkbox" ? null : (
              <input name={f.name} type={kind} step={kind === "number" ? "any" : undefined} defaultValue={value} aria-invalid={!!e[f.name]} />
            )}
            {f.help && (
              <span className="muted" style={{ fontWeight: 400 }}>
                {f.help}
              </span>
            )}
            <FieldError messages={e[f.name]} />
          </label>
        );
      })}
      <div>
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
