import type { Metadata } from "next";
import { openModelPage } from "../_components/model-page";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz/policy";
import { getRegistration } from "@/lib/eu-registration/registration";
import { SimpleForm, type FieldSpec } from "@/app/_components/simple-form";
import { saveRegistrationAction } from "./actions";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "EU database registration" };

export default async function EuRegistrationPage({ params }: { params: Params }) {
  const { user, key } = await openModelPage(params, "/eu-registration");
  const reg = await getRegistration(key);
  if (!reg) notFound();
  const { model, export: ex } = reg;
  const editable = can(user, "model.edit", { kind: "model", model });
  return (
    <>
      <p>
        <Link href={`/models/${key}`}>← {model.name}</Link>
      </p>
      <h1>EU database registration (Art. 49, 71; Annex VIII)</h1>
      {!ex ? (
        <p data-testid="eu-registration-status">No EU database registration is required for this model as it is classified.</p>
      ) : (
        <>
          <p data-testid="eu-registration-status">
            {ex.title} ({ex.article}):{" "}
            {ex.complete
              ? `complete, registered as ${ex.registrationId}`
              : `incomplete${ex.registrationId ? "" : ", not registered"}${ex.missing.length ? `; missing ${ex.missing.map((m) => m.point).join("; ")}` : ""}`}
            . <a href={`/api/v1/models/${key}/eu-registration`}>Export as JSON</a>
          </p>
          {editable ? (
            <div className="card">
              <SimpleForm
                action={saveRegistrationAction.bind(null, key)}
                testId="eu-registration-form"
                submitLabel="Save registration data"
                hidden={{ revision: String(model.revision) }}
                fields={[
                  ...ex.fields.map((f): FieldSpec => ({
                    name: f.key,
                    label: `${f.point.replace(/^Annex VIII, /, "")}: ${f.label}${f.required ? "" : " (if applicable)"}`,
                    kind: "textarea",
                    defaultValue: f.value ?? "",
                  })),
                  { name: "euDatabaseId", label: "Registration id given by the EU database (once registered)", defaultValue: model.euDatabaseId ?? "" },
                ]}
              />
            </div>
          ) : (
            <dl>
              {ex.fields.map((f) => (
                <div key={f.key}>
                  <dt>{f.label}</dt>
                  <dd>{f.value ?? "—"}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </>
  );
}
