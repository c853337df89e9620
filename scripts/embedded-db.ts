// Embedded PostgreSQL (PGlite, Postgres compiled to WebAssembly) exposed on a local TCP port,
// so the Prisma CLI (migrate deploy) and the app (adapter-pg) use it exactly like a real server.
//
// PGlite is ONE database session. pglite-socket (0.2.17) queues the wire protocol message by message,
// so two connections' extended-protocol exchanges (Parse, Bind, Execute, Sync) interleave in that one
// session: "bind message supplies 2 parameters, but prepared statement "" requires 1", or a connection
// reading another's rows. This server gives the session to one connection at a time instead: a
// connection holds it from its first message until PGlite answers ReadyForQuery with status idle
// (end of a simple query, of a Sync outside a transaction, or of the whole transaction), and the other
// connections wait their turn in arrival order. Every answer therefore belongs to the connection that
// asked, and transactions are serialised (which is what one session can offer).
// Limits that follow from one session: a connection that holds an open transaction and waits for
// another connection (of the same app) waits forever, as it would on a table lock; session state
// (SET, named prepared statements, session advisory locks) is shared by all connections.
import { mkdirSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export type EmbeddedPostgres = { url: string; port: number; stop: () => Promise<void> };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** Reads the backend's byte stream frame by frame to know when a connection's turn is over. */
class ReplyTracker {
  private pending = Buffer.alloc(0);
  /** status byte of the last ReadyForQuery seen since `reset()` ("I" idle, "T" transaction, "E" failed), or null */
  lastReady: string | null = null;

  reset() {
    this.lastReady = null;
  }

  feed(chunk: Uint8Array) {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    let offset = 0;
    while (this.pending.length - offset >= 5) {
      const length = this.pending.readInt32BE(offset + 1);
      if (this.pending.length - offset < 1 + length) break;
      if (this.pending[offset] === 0x5a /* Z */) this.lastReady = String.fromCharCode(this.pending[offset + 5]!);
      offset += 1 + length;
    }
    this.pending = this.pending.subarray(offset);
  }
}

type Connection = {
  socket: Socket;
  inbox: Buffer;
  started: boolean;
  messages: Buffer[];
  closed: boolean;
  /** the connection has sent something the session has not finished answering (mid extended protocol) */
  midExchange: boolean;
  replies: ReplyTracker;
};

/** One connection at a time owns the PGlite session; the rest queue (first come, first served). */
class SessionQueue {
  private holder: Connection | null = null;
  private waiting: Connection[] = [];
  private running = false;

  constructor(private readonly db: PGlite) {}

  ready(conn: Connection) {
    if (conn !== this.holder && !this.waiting.includes(conn)) this.waiting.push(conn);
    void this.pump();
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        this.holder ??= this.waiting.shift() ?? null;
        const conn = this.holder;
        if (!conn) return;
        if (conn.closed) {
          await this.release(conn);
          continue;
        }
        const message = conn.messages.shift();
        // the holder is inside a transaction or an extended-protocol exchange: everyone waits for it
        if (!message) return;
        conn.replies.reset();
        conn.midExchange = true;
        await this.db.execProtocolRawStream(new Uint8Array(message), {
          onRawData: (data) => {
            conn.replies.feed(data);
            // a copy: `data` is a view on PGlite's WebAssembly memory, which it reuses for the next piece of
            // the answer, and a write the socket has to queue (the client reads slower) keeps the view,
            // not the bytes — a large answer then reached the client with later pieces in place of earlier ones
            if (!conn.closed && conn.socket.writable) conn.socket.write(Buffer.from(data));
          },
        });
        if (conn.replies.lastReady !== null) conn.midExchange = false;
        if (conn.replies.lastReady === "I") {
          this.holder = null;
          if (conn.messages.length) this.waiting.push(conn);
        }
      }
    } catch (error) {
      console.error("[embedded-db] the embedded database failed:", error);
    } finally {
      this.running = false;
    }
  }

  /** A connection went away: leave the session as a fresh connection would find it. */
  private async release(conn: Connection) {
    this.holder = null;
    conn.messages = [];
    if (conn.midExchange) await this.db.execProtocolRaw(new Uint8Array(SYNC));
    if (this.db.isInTransaction()) await this.db.execProtocolRaw(simpleQuery("ROLLBACK"));
    conn.midExchange = false;
  }

  drop(conn: Connection) {
    conn.closed = true;
    this.waiting = this.waiting.filter((c) => c !== conn);
    if (this.holder === conn) void this.pump();
  }
}

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
}

/** Splits what a client sent into whole protocol messages; answers SSL/GSS requests itself. */
function receive(conn: Connection, chunk: Buffer): void {
  conn.inbox = conn.inbox.length ? Buffer.concat([conn.inbox, chunk]) : chunk;
  for (;;) {
    if (!conn.started) {
      if (conn.inbox.length < 8) return;
      const length = conn.inbox.readInt32BE(0);
      if (conn.inbox.length < length) return;
      const code = conn.inbox.readInt32BE(4);
      const message = conn.inbox.subarray(0, length);
      conn.inbox = conn.inbox.subarray(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        conn.socket.write("N");
        continue;
      }
      if (code === CANCEL_REQUEST) {
        // one session, no backend to signal: nothing can be cancelled
        conn.socket.end();
        return;
      }
      conn.started = true;
      conn.messages.push(Buffer.from(message));
      continue;
    }
    if (conn.inbox.length < 5) return;
    const length = conn.inbox.readInt32BE(1);
    if (conn.inbox.length < 1 + length) return;
    const message = conn.inbox.subarray(0, 1 + length);
    conn.inbox = conn.inbox.subarray(1 + length);
    if (message[0] === 0x58 /* X: Terminate */) {
      conn.socket.end();
      return;
    }
    conn.messages.push(Buffer.from(message));
  }
}

function serve(db: PGlite): Server {
  const queue = new SessionQueue(db);
  return createServer((socket) => {
    socket.setNoDelay(true);
    const conn: Connection = { socket, inbox: Buffer.alloc(0), started: false, messages: [], closed: false, midExchange: false, replies: new ReplyTracker() };
    socket.on("data", (chunk: Buffer) => {
      receive(conn, chunk);
      if (conn.messages.length) queue.ready(conn);
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => queue.drop(conn));
  });
}

/**
 * Starts PGlite (persisted in `dataDir`, or in memory without one) behind a TCP server on
 * 127.0.0.1:`port` (0 = any free port).
 */
export async function startEmbeddedPostgres({ dataDir, port }: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm for the inventory search indexes (migration 20261201030000_search_trgm)
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = serve(db);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    port: actualPort,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
