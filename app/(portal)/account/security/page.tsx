import type { Metadata } from "next";
import { requirePageUser, SECURITY_PAGE } from "@/lib/auth/session";
import { remainingRecoveryCodes } from "@/lib/auth/mfa";
import { prisma } from "@/lib/db";
import { AuthSource } from "@/lib/generated/prisma/enums";
import { TotpEnrolment } from "./totp-enrolment";

export const metadata: Metadata = { title: "Sign-in security" };
export const dynamic = "force-dynamic";

export default async function SecurityPage() {
  const user = await requirePageUser(SECURITY_PAGE, { allowMfaEnrollment: true });
  if (user.source === AuthSource.SSO) {
    return (
      <>
        <h1>Sign-in security</h1>
        <p>You sign in with single sign-on: your organisation&apos;s identity provider handles passwords and the second factor.</p>
      </>
    );
  }
  const { totpEnabledAt } = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  return (
    <>
      <h1>Sign-in security</h1>
      {user.mfaEnrollmentRequired && (
        <p className="form-error" data-testid="mfa-required">
          Your role requires two-factor authentication. Set it up to continue.
        </p>
      )}
      <div className="card">
        <h2>Two-factor authentication (authenticator app)</h2>
        {totpEnabledAt ? (
          <p data-testid="totp-on">
            On since {totpEnabledAt.toISOString().slice(0, 10)}. {await remainingRecoveryCodes(user.id)} unused recovery code(s) left. If you lose your authenticator, an administrator can reset it.
          </p>
        ) : (
          <TotpEnrolment />
        )}
      </div>
    </>
  );
}
