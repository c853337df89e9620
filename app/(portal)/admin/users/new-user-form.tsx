"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
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
      <label>
        Name
        <input name="name" defaultValue={v.name} />
        <FieldError messages={e.name} />
      </label>
      <label>
        Email
        <input name="email" type="email" defaultValue={v.email} />
        <FieldError messages={e.email} />
      </label>
      <label>
        Role
        <select name="role" defaultValue={v.role || "MODEL_OWNER"}>
          {ROLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError messages={e.role} />
      </label>
      <label>
        Initial password (at least 10 characters)
        <input name="password" type="password" autoComplete="new-password" />
        <FieldError messages={e.password} />
      </label>
      <div>
        <button type="submit" disabled={pending}>
          Add user
        </button>
      </div>
    </form>
  );
}
