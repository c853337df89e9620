// API credentials in the policy: scopes, the model limit, and the SQL `where` of a limited token.
import { describe, expect, it } from "vitest";
import { assertCoversAllModels, assertCredentialAllows, credentialModelWhere, type CredentialLimits } from "@/lib/authz/policy";

const session: CredentialLimits = { scopes: new Set(["read", "write", "monitoring"]), modelKeys: null };
const limited: CredentialLimits = { scopes: new Set(["read"]), modelKeys: new Set(["a", "b"]) };

describe("credential limits", () => {
  it("a scope the credential lacks, or a model outside its limit, is forbidden", () => {
    expect(() => assertCredentialAllows(session, "write", "anything")).not.toThrow();
    expect(() => assertCredentialAllows(limited, "read", "a")).not.toThrow();
    expect(() => assertCredentialAllows(limited, "write", "a")).toThrow(/lacks the "write" scope/);
    expect(() => assertCredentialAllows(limited, "read", "c")).toThrow(/limited to other models than "c"/);
  });

  it("a limited credential may not ask for what covers every model", () => {
    expect(() => assertCoversAllModels(session, "the inventory report")).not.toThrow();
    expect(() => assertCoversAllModels(limited, "the inventory report")).toThrow(/limited to some models; the inventory report covers all of them/);
  });

  it("the where of a limited credential keeps its model keys (in SQL), and is empty without a limit", () => {
    expect(credentialModelWhere(session)).toEqual({});
    expect(credentialModelWhere(limited)).toEqual({ model: { key: { in: ["a", "b"] } } });
  });
});
