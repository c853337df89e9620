import { describe, expect, it } from "vitest";
import { GENESIS_HASH, UnstorableValueError, canonicalJson, eventHash, toAuditJson, verifyChain, type ChainedFields } from "@/lib/audit-log/chain";

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
    expect(v).toEqual({ ok: true, checked: 5, breaks: [], acknowledged: [], lastHash: chain(5)[4]!.hash });
  });
  it("reports an altered event once and keeps verifying past it", () => {
    const events = chain(8);
    events[2] = { ...events[2]!, after: { name: "tampered" } };
    events[6] = { ...events[6]!, actorLabel: "someone else" };
    const v = verifyChain(events);
    expect(v.ok).toBe(false);
    expect(v.checked).toBe(8);
    expect(v.breaks.map((b) => [b.seq, b.kind])).toEqual([
      ["3", "content"],
      ["7", "content"],
    ]);
  });
  it("reports a removed event as a link break and a later alteration too", () => {
    const events = chain(6);
    events.splice(1, 1);
    events[3] = { ...events[3]!, before: { name: "x" } };
    expect(verifyChain(events).breaks.map((b) => [b.seq, b.kind])).toEqual([
      ["3", "link"],
      ["5", "content"],
    ]);
  });
  it("lists acknowledged legacy mismatches apart from breaks", () => {
    const events = chain(4);
    events[1] = { ...events[1]!, after: { name: "rounded" } };
    const v = verifyChain(events, GENESIS_HASH, new Set(["2"]));
    expect(v).toMatchObject({ ok: true, acknowledged: ["2"], breaks: [] });
  });
});

describe("RFC 8785 canonical JSON", () => {
  it("writes numbers in their shortest round-trip form (RFC 8785 appendix B samples)", () => {
    const samples: Array<[number, string]> = [
      [0, "0"],
      [-0, "0"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [9007199254740992, "9007199254740992"],
      [1e21, "1e+21"],
      [333333333.3333333, "333333333.3333333"],
      [0.30000000000000004, "0.30000000000000004"],
      [295147905179352830000, "295147905179352830000"],
      [1e-7, "1e-7"],
    ];
    for (const [n, text] of samples) expect(canonicalJson(n)).toBe(text);
  });
  it("sorts keys by UTF-16 code units and escapes strings as JSON.stringify does", () => {
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\u0080": 5, "\ud83d\ude00": 6, "\u00f6": 7 })).toBe(
      '{"\\r":2,"1":4,"\u0080":5,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":6,"\ufb33":3}',
    );
  });
  it("refuses what the log cannot store exactly, with the path", () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(UnstorableValueError);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/\$\.a\.1/);
    expect(() => canonicalJson({ s: "a\u0000b" })).toThrow(UnstorableValueError);
    expect(() => canonicalJson({ s: "\ud800" })).toThrow(UnstorableValueError);
    expect(() => toAuditJson({ when: new Date(Number.NaN) })).toThrow(UnstorableValueError);
    expect(canonicalJson({ s: "\ud83d\ude00" })).toBe('{"s":"\ud83d\ude00"}');
  });
  it("every finite double survives the stored text's round trip", () => {
    const values = [0.1, 0.30000000000000004, 1 / 3, 2 ** -1074, Number.MAX_VALUE, -Number.MIN_VALUE, 123456789012345680000, 1e-300 * 3];
    for (const v of values) expect(JSON.parse(canonicalJson(v))).toBe(v);
  });
});
