// A real OpenID Provider for the single sign-on journeys: oidc-provider 8.8.1 (a certified OP; 9.x
// needs Node 22) on a free loopback port, with one registered client and people whose `groups`
// the test changes between sign-ins. It can also publish a JWKS with a different key than the one
// it signs with, to prove an ID token that does not verify is refused.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export type IdpPerson = { email: string; name: string; groups: string[] };

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: Map<string, IdpPerson>;
  /** publish a JWKS whose key (same kid) is not the signing key */
  publishForeignKey: (on: boolean) => void;
  close: () => Promise<void>;
};

const KID = "test-signing-key";

function rsaJwk() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: KID, alg: "RS256", use: "sig" };
}

function publicPart(jwk: ReturnType<typeof rsaJwk>) {
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: jwk.alg, use: jwk.use };
}

export async function startTestIdp({ port, redirectUri }: { port: number; redirectUri: string }): Promise<TestIdp> {
  const issuer = `http://127.0.0.1:${port}`;
  const people = new Map<string, IdpPerson>();
  const signingKey = rsaJwk();
  const foreignKey = rsaJwk();
  let foreign = false;
  const clientId = "dossier-e2e";
  const clientSecret = "dossier-e2e-client-secret-0123456789";

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [signingKey] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // put the person's claims (groups included) into the ID token, as Entra ID and Keycloak can
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { methods: ["S256"], required: () => true },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: person.email, email_verified: true, name: person.name, groups: [...person.groups] }) };
    },
    // first-party client: no consent screen, the grant is made on the spot
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const oidc = ctx.oidc;
      const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  const server: Server = createServer((req, res) => {
    if (foreign && req.url?.startsWith("/jwks")) {
      res.writeHead(200, { "content-type": "application/jwk-set+json" });
      res.end(JSON.stringify({ keys: [publicPart(foreignKey)] }));
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    people,
    publishForeignKey: (on) => {
      foreign = on;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
