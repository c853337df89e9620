import { prisma } from "@/lib/db";
import { factsRowsByIds } from "@/lib/models/facts-read";
const ids = (await prisma.model.findMany({ take: 8, orderBy: { key: "asc" }, select: { id: true } })).map((m) => m.id);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const big = "x".repeat(4500);
for (const round of [0, 1]) {
  let c0 = cpu();
  for (let i = 0; i < 200; i++) await prisma.$queryRaw`SELECT 1`;
  console.log("select1", ((cpu() - c0) / 200).toFixed(3));
  c0 = cpu();
  for (let i = 0; i < 200; i++) await prisma.$queryRawUnsafe(`SELECT 1 /* ${big} */`);
  console.log("select1 + 4.5KB comment", ((cpu() - c0) / 200).toFixed(3));
  c0 = cpu();
  for (let i = 0; i < 200; i++) await factsRowsByIds(prisma, [ids[i % 8]!]);
  console.log("facts", ((cpu() - c0) / 200).toFixed(3));
  c0 = cpu();
  for (let i = 0; i < 100; i++) await prisma.$transaction(async (tx) => { await tx.$queryRaw`SELECT 1`; });
  console.log("tx(select1)", ((cpu() - c0) / 100).toFixed(3));
}
await prisma.$disconnect();
