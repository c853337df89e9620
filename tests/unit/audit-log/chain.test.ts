import { describe, expect, it } from "vitest";
import { GENESIS_HASH, canonicalJson, eventHash, verifyChain, type ChainedFields } from "@/lib/audit-log/chain";

function chain(n: number) {
  const events: Array<ChainedFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: ChainedFields = {
      seq: BigInt(i),
      at: new Date(Date.UTC(2026, 0, i)),
      actorId: null,
      actorLabel: "tester",
      action: "model.update",
      entityType: "Model",
      entityId: `m${i}`,
      modelId: `m${i}`,
      before: { name: `old ${i}` },
      after: { name: `new ${i}`, nested: { b: 2, a: 1 } },
    };
    const hash = eventHash(prev, e);
    events.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("audit hash chain", () => {
  it("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it("verifies an intact chain", () => {
    const v = verifyChain(chain(5));
    expect(v).toEqual({ ok: true, checked: 5, lastHash: chain(5)[4]!.hash });
  });
  it("reports the first altered event", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { name: "tampered" } };
    expect(verifyChain(events)).toMatchObject({ ok: false, checked: 2, brokenAtSeq: "3" });
  });
  it("reports a removed event", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, checked: 1, brokenAtSeq: "3" });
  });
});
