// Helpers for server actions: read a FormData as strings, and map errors back to form field names.
import { isAppError, type FieldErrors, asKnownError } from "./errors";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "./db-unavailable";

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v;
  return values;
}

/** zod paths ("metrics.0.value") as the form's field names ("metrics_0_value"). */
export function formFieldErrors(errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replaceAll(".", "_"), v]));
}

export type ActionOutcome = { fieldErrors?: FieldErrors; formError?: string; saved?: string; values?: Record<string, string> };

/**
 * Run a domain call for a form: AppErrors come back as field and form errors together with what the
 * user typed; FORBIDDEN is handed to `onForbidden` (the page's 403); a database outage is a form error
 * that keeps the values; anything else is thrown.
 */
export async function runForm(values: Record<string, string>, saved: string, fn: () => Promise<unknown>, onForbidden: () => never): Promise<ActionOutcome> {
  try {
    await fn();
    return { saved };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") onForbidden();
      return { fieldErrors: formFieldErrors(e.fieldErrors), formError: e.message, values };
    }
    // the form keeps what was typed, so the user can save again once the database answers
    if (isDatabaseUnavailable(e)) return { formError: UNAVAILABLE_MESSAGE, values };
    throw e;
  }
}

/**
 * `runForm` for an action that needs what the call returned (a new id to redirect to, a token shown
 * once): `{ ok: true, result }`, or the outcome to hand back to the form, exactly as runForm makes it.
 */
export async function runFormFor<T>(values: Record<string, string>, fn: () => Promise<T>, onForbidden: () => never): Promise<{ ok: true; result: T } | { ok: false; outcome: ActionOutcome }> {
  let done: { result: T } | undefined;
  const outcome = await runForm(values, "", async () => void (done = { result: await fn() }), onForbidden);
  return done ? { ok: true, result: done.result } : { ok: false, outcome };
}
