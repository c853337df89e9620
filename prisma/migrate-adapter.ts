// Driver adapter used ONLY by the Prisma CLI (prisma.config.ts) so that `prisma migrate *`
// runs on Prisma 6's bundled WebAssembly schema engine (no native binary download).
// It is @prisma/adapter-pg 6.19.3 plus three fixes for its migration paths:
//  1. catalog columns of type `name` (OID 19, e.g. pg_namespace.nspname) and `"char"`
//     (OID 18, e.g. pg_constraint.contype) are reported as `text`; adapter-pg 6.19 cannot
//     map them ("Column type 'name' could not be deserialized", prisma/orm#27403; adapter-pg 7
//     maps `name` but still not `"char"`);
//  2. a migration script is sent as ONE simple-protocol query, like the native engine does,
//     instead of being split on ';' (which breaks $$-quoted function bodies and strings
//     containing ';', and makes a failing migration non-atomic);
//  3. the shadow database (`migrate dev`) is dropped only after its pool has ended
//     (upstream drops it first: "database ... is being accessed by other users"), and is
//     addressed by URL so the `database` is really switched.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// Catalog-only types that adapter-pg 6.19 cannot map but whose text form is what the
// schema engine wants: "char" (18, e.g. pg_constraint.contype) and name (19).
const TEXT_LIKE_CATALOG_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

function catalogColumnsAsText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as Array<{ fields?: pg.FieldDef[] }>) {
    for (const f of r?.fields ?? []) if (TEXT_LIKE_CATALOG_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  }
  return result;
}

/** pg.Client whose results report `name`/`"char"` columns as `text` (fix 1). */
class CatalogClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i];
      args[i] = (err: unknown, res: unknown) => cb(err, err ? res : catalogColumnsAsText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ret = (super.query as any)(...args);
    return i < 0 && typeof ret?.then === "function" ? ret.then(catalogColumnsAsText) : ret;
  }
}

async function connectAdapter(connectionString: string) {
  const adapter = await new PrismaPg({ connectionString, Client: CatalogClient, allowExitOnIdle: true }).connect();
  // fix 2: no bind values => pg uses the simple query protocol, which runs a
  // multi-statement script in one implicit transaction; errors keep adapter-pg's mapping.
  adapter.executeScript = async (script: string) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

async function admin(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Driver adapter factory for `adapter` in prisma.config.ts (CLI only). */
export class MigratePg extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url });
  }

  override connect() {
    return connectAdapter(this.url);
  }

  // fix 3
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin(this.url, `CREATE DATABASE "${name}"`);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    const adapter = await connectAdapter(url.href);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose(); // ends the shadow pool first
      } finally {
        await admin(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    };
    return adapter;
  }
}
