"use client";

import { useActionState } from "react";
import { Field, SelectField } from "@/app/_components/field";
import { createUserAction, type NewUserState } from "./actions";

const ROLES = [
  ["MODEL_OWNER", "Model owner"],
  ["COMPLIANCE_OFFICER", "Compliance officer"],
  ["EXECUTIVE", "Executive"],
  ["AUDITOR", "Auditor"],
  ["ADMIN", "Administrator"],
] as const;

export function NewUserForm() {
  const [state, action, pending] = useActionState<NewUserState, FormData>(createUserAction, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form key={JSON.stringify(v)} className="stack" action={action} noValidate>
      {state.created && <p className="notice">Created {state.created}.</p>}
      {state.formError && <p className="form-error">{state.formError}</p>}
      <Field label="Name" errors={e.name}>
        <input name="name" defaultValue={v.name} />
      </Field>
      <Field label="Email" errors={e.email}>
        <input name="email" type="email" defaultValue={v.email} />
      </Field>
      <SelectField label="Role" name="role" options={ROLES} defaultValue={v.role || "MODEL_OWNER"} errors={e.role} />
      <Field label="Initial password (at least 10 characters)" errors={e.password}>
        <input name="password" type="password" autoComplete="new-password" />
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          Add user
        </button>
      </div>
    </form>
  );
}
