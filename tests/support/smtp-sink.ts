// A real SMTP server on a free local port that keeps every message it receives (smtp-server), for the
// tests that check what Dossier e-mails. `toMail` shapes each message as the test wants to read it.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export async function startSmtpSink<T>(into: T[], toMail: (to: string[], raw: string) => T): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        into.push(
          toMail(
            session.envelope.rcptTo.map((r) => r.address),
            raw,
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
