"use client";

import { useActionState } from "react";
import { createFirstAdminAction, type SetupState } from "./actions";
import { FieldError } from "@/app/_components/field-error";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(createFirstAdminAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form className="stack" action={action} noValidate>
      {state.formError && <p className="form-error">{state.formError}</p>}
      <label>
        Name
        <input name="name" defaultValue={state.values?.name} autoComplete="name" />
        <FieldError messages={e.name} />
      </label>
      <label>
        Email
        <input name="email" type="email" defaultValue={state.values?.email} autoComplete="username" />
        <FieldError messages={e.email} />
      </label>
      <label>
        Password (at least 10 characters)
        <input name="password" type="password" autoComplete="new-password" />
        <FieldError messages={e.password} />
      </label>
      <button type="submit" disabled={pending}>
        Create administrator
      </button>
    </form>
  );
}
