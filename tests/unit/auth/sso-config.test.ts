import { describe, expect, it } from "vitest";
import { authConfig, parseRoleMap } from "@/lib/env";
import { groupsFromClaims, roleForGroups } from "@/lib/auth/sso-roles";
import { sessionStillValid } from "@/lib/auth/session-validity";
import { AuthSource, Role } from "@/lib/generated/prisma/enums";

const MAP = parseRoleMap("dossier-admins=ADMIN,dossier-compliance=COMPLIANCE_OFFICER,dossier-owners=MODEL_OWNER,dossier-execs=EXECUTIVE,dossier-auditors=AUDITOR");

describe("role from IdP groups", () => {
  it.each([
    [["dossier-owners"], Role.MODEL_OWNER],
    [["dossier-owners", "dossier-compliance"], Role.COMPLIANCE_OFFICER],
    [["dossier-execs", "dossier-auditors"], Role.AUDITOR],
    [["dossier-execs", "dossier-admins", "dossier-owners"], Role.ADMIN],
    [["marketing", "dossier-execs"], Role.EXECUTIVE],
  ])("%j → %s (the most privileged)", (groups, role) => {
    expect(roleForGroups(groups, { roleMap: MAP, defaultRole: null }).role).toBe(role);
  });

  it("no mapped group: refused without a default role, the default role with one", () => {
    expect(roleForGroups(["marketing"], { roleMap: MAP, defaultRole: null })).toEqual({ role: null, via: "none", matchedGroups: [] });
    expect(roleForGroups([], { roleMap: MAP, defaultRole: Role.EXECUTIVE })).toMatchObject({ role: Role.EXECUTIVE, via: "default" });
  });

  it("group names match exactly (no case folding, no prefixes)", () => {
    expect(roleForGroups(["Dossier-Admins", "dossier-admins-old"], { roleMap: MAP, defaultRole: null }).role).toBeNull();
  });

  it("reads the claim by dotted path, as a list or a single string, ignoring non-strings", () => {
    expect(groupsFromClaims({ groups: ["a", 3, "b", { x: 1 }] }, "groups")).toEqual(["a", "b"]);
    expect(groupsFromClaims({ realm_access: { roles: ["dossier-admins"] } }, "realm_access.roles")).toEqual(["dossier-admins"]);
    expect(groupsFromClaims({ role: "dossier-owners" }, "role")).toEqual(["dossier-owners"]);
    expect(groupsFromClaims({}, "groups")).toEqual([]);
    expect(groupsFromClaims({ groups: "x\u0000" }, "groups")).toEqual([]);
  });
});

describe("sign-in configuration from the environment", () => {
  const base = { DOSSIER_OIDC_ISSUER: "https://idp.example/realms/acme/", DOSSIER_OIDC_CLIENT_ID: "dossier", DOSSIER_OIDC_CLIENT_SECRET: "s3cret" };

  it("defaults: password on, MFA on, no SSO, 12 h SSO sessions", () => {
    expect(authConfig({})).toEqual({ oidc: null, passwordSignIn: true, requireMfa: true, ssoMaxSessionSeconds: 12 * 3600 });
  });

  it("the issuer enables SSO with the documented defaults", () => {
    const c = authConfig({ ...base, DOSSIER_OIDC_ROLE_MAP: "g=ADMIN", DOSSIER_PASSWORD_SIGNIN: "off" });
    expect(c.oidc).toMatchObject({ issuer: "https://idp.example/realms/acme", name: "SSO", roleClaim: "groups", scopes: "openid email profile", defaultRole: null, roleMap: [["g", Role.ADMIN]] });
    expect(c.passwordSignIn).toBe(false);
  });

  it.each([
    [{ DOSSIER_OIDC_ISSUER: "https://idp.example" }, /CLIENT_ID and DOSSIER_OIDC_CLIENT_SECRET are required/],
    [{ ...base, DOSSIER_OIDC_ROLE_MAP: "admins=ROOT" }, /DOSSIER_OIDC_ROLE_MAP: "admins=ROOT"/],
    [{ ...base, DOSSIER_OIDC_ROLE_MAP: "ADMIN" }, /is not group=ROLE/],
    [{ ...base, DOSSIER_OIDC_DEFAULT_ROLE: "boss" }, /DOSSIER_OIDC_DEFAULT_ROLE/],
    [{ DOSSIER_PASSWORD_SIGNIN: "off" }, /needs single sign-on/],
    [{ DOSSIER_REQUIRE_MFA: "yes" }, /DOSSIER_REQUIRE_MFA must be "on" or "off"/],
    [{ DOSSIER_SSO_MAX_SESSION_HOURS: "0" }, /DOSSIER_SSO_MAX_SESSION_HOURS/],
    [{ DOSSIER_OIDC_ISSUER: "not a url", DOSSIER_OIDC_CLIENT_ID: "a", DOSSIER_OIDC_CLIENT_SECRET: "b" }, /DOSSIER_OIDC_ISSUER/],
  ])("refuses %j with a message naming the variable", (vars, message) => {
    expect(() => authConfig(vars)).toThrow(message);
  });
});

describe("session re-validation against the user record", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const at = (hoursAgo: number) => Math.floor(now.getTime() / 1000) - hoursAgo * 3600;
  const pw = { active: true, sessionVersion: 2, source: AuthSource.PASSWORD };
  const sso = { ...pw, source: AuthSource.SSO };
  const MAX = 12 * 3600;

  it("holds while active, same version, within the SSO maximum", () => {
    expect(sessionStillValid({ sessionVersion: 2, method: "password", authAt: at(100) }, pw, now, MAX)).toBe(true);
    expect(sessionStillValid({ sessionVersion: 2, method: "sso", authAt: at(11.9) }, sso, now, MAX)).toBe(true);
  });
  it("ends on deactivation, a version bump, the SSO maximum, or a method that does not fit the account", () => {
    expect(sessionStillValid({ sessionVersion: 2, method: "password", authAt: at(0) }, { ...pw, active: false }, now, MAX)).toBe(false);
    expect(sessionStillValid({ sessionVersion: 1, method: "password", authAt: at(0) }, pw, now, MAX)).toBe(false);
    expect(sessionStillValid({ sessionVersion: 2, method: "sso", authAt: at(12.1) }, sso, now, MAX)).toBe(false);
    expect(sessionStillValid({ sessionVersion: 2, method: "password", authAt: at(0) }, sso, now, MAX)).toBe(false);
  });
});
