"use client";

import { useActionState } from "react";
import { createFirstAdminAction, type SetupState } from "./actions";
import { Field } from "@/app/_components/field";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(createFirstAdminAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form className="stack" action={action} noValidate>
      {state.formError && <p className="form-error">{state.formError}</p>}
      <Field label="Name" errors={e.name}>
        <input name="name" defaultValue={state.values?.name} autoComplete="name" />
      </Field>
      <Field label="Email" errors={e.email}>
        <input name="email" type="email" defaultValue={state.values?.email} autoComplete="username" />
      </Field>
      <Field label="Password (at least 10 characters)" errors={e.password}>
        <input name="password" type="password" autoComplete="new-password" />
      </Field>
      <button type="submit" disabled={pending}>
        Create administrator
      </button>
    </form>
  );
}
