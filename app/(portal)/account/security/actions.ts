"use server";

import { requireUser } from "@/lib/auth/session";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/mfa";
import { forbidden } from "next/navigation";
import { formValues, runFormFor } from "@/lib/form-data";
import { AuthSource } from "@/lib/generated/prisma/enums";

export type EnrolState = { step: "idle" | "scan" | "done"; qrDataUrl?: string; secret?: string; recoveryCodes?: string[]; error?: string; codeError?: string };

/** Two steps in one action: `start` shows a QR code, `confirm` checks a code and shows the recovery codes once. */
export async function enrolTotpAction(prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const user = await requireUser({ allowMfaEnrollment: true });
  if (user.source !== AuthSource.PASSWORD) return { step: "idle", error: "You sign in with SSO: your identity provider handles the second factor." };
  const { step, code = "" } = formValues(formData);
  const done = await runFormFor(
    {},
    async (): Promise<EnrolState> => {
      if (step === "start") {
        const { qrDataUrl, secret } = await startTotpEnrolment({ userId: user.id });
        return { step: "scan", qrDataUrl, secret };
      }
      const { recoveryCodes } = await confirmTotpEnrolment({ userId: user.id, code: code.slice(0, 64) });
      // no revalidatePath: re-rendering the page now would replace this form and lose the recovery codes
      return { step: "done", recoveryCodes };
    },
    forbidden,
  );
  if (done.ok) return done.result;
  const { fieldErrors, formError } = done.outcome;
  return { ...prev, error: fieldErrors ? undefined : formError, codeError: fieldErrors?.code?.[0] };
}
