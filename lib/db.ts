import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * A pg client that closes its connection when a query outlives the client-side timeout. pg only
 * reports the timeout; the query is still outstanding on the socket, so a connection given back to
 * the pool (transactions release without an error) would hold every later query behind an answer that
 * may never come. Closing it makes the pool open a fresh one once the server answers again.
 */
class TimeoutClosingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A server that ends a connection (shutdown, restart, admin kill) sends its error at once. pg hands it
    // to the pool's listener while the client is idle and to the adapter's while it is in a transaction,
    // but a client being handed from one to the other in the same socket read has neither for a moment,
    // and an 'error' without a listener would crash the process. The client is unusable either way and
    // the pool drops it on release; this listener only keeps the process alive, and logs when no other did.
    this.on("error", (error: Error & { code?: string }) => {
      if (this.listenerCount("error") === 1) console.warn("[db] connection closed by the server:", error.code ?? "", error.message);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has a dozen overloads; this passes every one through unchanged
  override query(...args: any[]): any {
    const closeOnTimeout = (error: unknown) => {
      if (error instanceof Error && error.message === "Query read timeout") {
        (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      }
    };
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const callback = args[i];
      args[i] = (error: unknown, result: unknown) => {
        closeOnTimeout(error);
        callback(error, result);
      };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same passthrough: the overload is chosen by pg at run time
    const ret = (super.query as any)(...args);
    if (i < 0 && typeof ret?.then === "function") {
      return ret.catch((error: unknown) => {
        closeOnTimeout(error);
        throw error;
      });
    }
    return ret;
  }
}

/** The pool settings of the app: bounded waits everywhere, so a hung database never hangs a request. */
export function poolConfig(connectionString = env.databaseUrl(), max = env.databasePoolMax()): pg.PoolConfig {
  const t = env.databaseTimeouts();
  return {
    connectionString,
    max,
    Client: TimeoutClosingClient,
    // opening a connection, and waiting for a free one in the pool
    connectionTimeoutMillis: t.connectMs,
    // server side (sent in the startup message, so they hold for every statement of the session)
    statement_timeout: t.statementMs,
    lock_timeout: t.lockMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    // client side: a frozen server answers nothing, not even the cancellation of statement_timeout
    query_timeout: t.queryMs,
    keepAlive: true,
  };
}

type AdapterTransaction = Awaited<ReturnType<Awaited<ReturnType<PrismaPg["connect"]>>["startTransaction"]>>;
type AdapterQuery = Parameters<AdapterTransaction["executeRaw"]>[0];

/**
 * A transaction that gives its connection back even when its COMMIT or ROLLBACK fails. Prisma's
 * transaction manager (6.19) sends that statement and only afterwards calls commit()/rollback(), which
 * release the connection; when the statement throws (the server ended the connection: a restart, an
 * admin kill) the release never happens and the pool slot is lost for good, so a restart during writes
 * left the app with no connections at all. Here a failed end releases the connection with the error
 * (the pool discards it: its state is unknown) and makes the later commit()/rollback() no-ops.
 */
function releasingOnFailedEnd(tx: AdapterTransaction, state: TransactionState): AdapterTransaction {
  const inner = tx as AdapterTransaction & { client?: pg.PoolClient; cleanup?: () => void };
  let released = false;
  const executeRaw = tx.executeRaw.bind(tx);
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.executeRaw = async (query: AdapterQuery) => {
    const ending = /^(COMMIT|ROLLBACK)$/i.test(query.sql.trim());
    // from its COMMIT or ROLLBACK on, no direct statement may use the connection (see `direct`)
    if (ending) state.closed = true;
    try {
      return await executeRaw(query);
    } catch (error) {
      if (!released && ending) {
        released = true;
        inner.cleanup?.();
        if (inner.client) inner.client.release(error instanceof Error ? error : new Error(String(error)));
        else await rollback();
      }
      throw error;
    }
  };
  tx.commit = async () => {
    state.closed = true;
    return released ? undefined : commit();
  };
  tx.rollback = async () => {
    state.closed = true;
    return released ? undefined : rollback();
  };
  return tx;
}

/** An interactive transaction's connection, and whether it has ended (committed, rolled back, timed out). */
type TransactionState = { connection?: pg.PoolClient; closed: boolean };
/** The interactive transaction being started in this async context: its state is noted here. */
const startingTransaction = new AsyncLocalStorage<{ state?: TransactionState }>();
/** Each client's pool, and each interactive transaction's state (see `direct` below). */
const pools = new WeakMap<object, { pool?: pg.Pool }>();
const transactions = new WeakMap<object, TransactionState>();

/** PrismaPg whose transactions always give their connection back (see releasingOnFailedEnd). */
class ReleasingPrismaPg extends PrismaPg {
  readonly holder: { pool?: pg.Pool } = {};
  override async connect() {
    const adapter = await super.connect();
    // the pool the adapter made (a new one on each connect after a $disconnect)
    this.holder.pool = (adapter as unknown as { client?: pg.Pool }).client;
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const raw = await start(isolationLevel);
      const state: TransactionState = { connection: (raw as unknown as { client?: pg.PoolClient }).client, closed: false };
      const slot = startingTransaction.getStore();
      if (slot && !slot.state) slot.state = state;
      return releasingOnFailedEnd(raw, state);
    };
    return adapter;
  }
}

type TxRunner = (arg: unknown, options?: unknown) => Promise<unknown>;

/** A Prisma client with the app's driver and pool; the app uses the one below, tests may make others. */
export function createPrismaClient(connectionString = env.databaseUrl(), max = env.databasePoolMax()): PrismaClient {
  const adapter = new ReleasingPrismaPg(poolConfig(connectionString, max), {
    // an idle connection that the server closed (restart, outage) is dropped by the pool; logging it
    // is enough, the next query opens a new one
    onPoolError: (error) => console.warn("[db] idle connection closed:", error.message),
  });
  const client = new PrismaClient({ transactionOptions: { maxWait: env.transactionMaxWaitMs() }, adapter });
  pools.set(client, adapter.holder);
  // an interactive transaction's callback gets a tx whose pg connection `direct` can find
  const holder = client as unknown as { $transaction: TxRunner };
  const original = holder.$transaction.bind(client) as TxRunner;
  holder.$transaction = (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return original(arg, options);
    const slot: { state?: TransactionState } = {};
    return startingTransaction.run(slot, () =>
      original(async (tx: object) => {
        if (slot.state) transactions.set(tx, slot.state);
        return (arg as (tx: object) => Promise<unknown>)(tx);
      }, options),
    );
  };
  return client;
}

/**
 * Prisma's own `sql` tag, for `direct`: values go as bind parameters (never into the text); cast each in
 * the SQL (`${ids}::uuid[]`, `${iso}::timestamp(3)`) and pass dates as ISO strings — the driver would
 * send a Date in the process's local time zone.
 */
export const sql = Prisma.sql;

/**
 * Run a statement on the same connection as `db` (an interactive transaction, or the client's pool)
 * without the ORM: Prisma 6 compiles every statement, raw SQL included, through its WebAssembly query
 * compiler (~0.4 ms of CPU each against ~0.05 ms for the driver), which was a third of a monitoring
 * push's CPU. For the hot write paths only; columns come back as the driver reads them, so select
 * text, integers (int4), float8, booleans and jsonb only — cast the rest (uuid::text, timestamps to text).
 * Falls back to Prisma's $queryRaw when the connection is not known.
 */
export async function direct<T>(db: Tx | PrismaClient, statement: Prisma.Sql): Promise<T[]> {
  const transaction = transactions.get(db);
  // a callback still running after its transaction ended (Prisma's timeout rolled it back) must not
  // write on a connection that is back in the pool, maybe inside another request's transaction.
  // P2028 is Prisma's own code for it, answered as 503 like the ORM's statements (lib/db-unavailable.ts)
  if (transaction?.closed) throw Object.assign(new Error("Transaction already closed: a statement was sent after its end."), { code: "P2028" });
  const connection = transaction?.connection ?? pools.get(db)?.pool;
  if (connection) return (await connection.query(statement.text, statement.values)).rows as T[];
  return (db as PrismaClient).$queryRaw<T[]>(statement);
}

/** The one Prisma client of the process (kept on globalThis so dev hot reloads reuse it). */
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
globalForPrisma.prisma = prisma;

export type Db = PrismaClient;
/** A Prisma interactive-transaction client. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
