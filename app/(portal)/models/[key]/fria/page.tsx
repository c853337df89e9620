import type { Metadata } from "next";
import { openModelPage } from "../_components/model-page";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz/policy";
import { evaluateModel } from "@/lib/models/compliance";
import { getFria } from "@/lib/fria/fria";
import { FRIA_ELEMENTS } from "@/lib/fria/schemas";
import { SimpleForm, type FieldSpec } from "@/app/_components/simple-form";
import { saveFriaAction } from "./actions";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Fundamental rights impact assessment" };

export default async function FriaPage({ params }: { params: Params }) {
  const { user, key } = await openModelPage(params, "/fria");
  const model = await getFria(key);
  if (!model) notFound();
  const evaluated = await evaluateModel(key);
  const item = evaluated?.result.items.find((i) => i.id === "HR_D_FRIA");
  const fria = model.fria;
  const editable = can(user, "model.edit", { kind: "model", model });
  const fields: FieldSpec[] = [
    ...FRIA_ELEMENTS.map((e): FieldSpec => ({ name: e.field, label: `(${e.letter}) ${e.title} — ${e.article}`, kind: "textarea", help: e.help, defaultValue: fria?.[e.field] ?? "" })),
    { name: "notifiedAt", label: "Results notified to the market surveillance authority on (Art. 27(3))", kind: "date", defaultValue: fria?.notifiedAt?.toISOString().slice(0, 10) ?? "" },
    { name: "notificationReference", label: "Authority's reference for the notification", defaultValue: fria?.notificationReference ?? "" },
    { name: "reviewNote", label: "Review note: what changed since the last review (Art. 27(2))", kind: "textarea", defaultValue: "" },
  ];
  return (
    <>
      <p>
        <Link href={`/models/${key}`}>← {model.name}</Link>
      </p>
      <h1>Fundamental rights impact assessment (Art. 27)</h1>
      <p className="muted">
        Before first use, deployers that are bodies governed by public law or private entities providing public services, and deployers of Annex III 5(b) and 5(c) systems, assess the impact on
        fundamental rights (Art. 27(1)), notify the results to the market surveillance authority (Art. 27(3)) and update the assessment when an element changes (Art. 27(2)). Saving records a review.
      </p>
      <p data-testid="fria-status">{item ? `Required for this system: ${item.status}. ${item.reason}` : "Not required for this system as classified (Art. 27(1)); it may still be recorded."}</p>
      {fria && (
        <p className="muted">
          Last reviewed {fria.reviewedAt.toISOString().slice(0, 10)}
          {fria.reviewNote ? `: ${fria.reviewNote}` : ""}.
        </p>
      )}
      {editable ? (
        <div className="card">
          <SimpleForm action={saveFriaAction.bind(null, key)} fields={fields} submitLabel="Save assessment" testId="fria-form" hidden={{ revision: String(fria?.revision ?? 0) }} />
        </div>
      ) : fria ? (
        <dl>
          {FRIA_ELEMENTS.map((e) => (
            <div key={e.field}>
              <dt>
                ({e.letter}) {e.title}
              </dt>
              <dd>{fria[e.field] ?? "—"}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>No assessment recorded.</p>
      )}
    </>
  );
}
