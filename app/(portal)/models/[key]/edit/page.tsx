import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { getModelByKey, listAssignableOwners, listBusinessUnits } from "@/lib/models/queries";
import { updateModelAction } from "../../_components/actions";
import { ModelForm } from "../../_components/model-form";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Params }) {
  const { key } = await params;
  const user = await requirePageUser(`/models/${key}/edit`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
  const model = await getModelByKey(key);
  if (!model) notFound();
  if (!can(user, "model.edit", { kind: "model", model })) forbidden();
  const [owners, units] = await Promise.all([listAssignableOwners(), listBusinessUnits()]);
  return (
    <>
      <h1>Edit {model.name}</h1>
      <div className="card">
        <ModelForm
          action={updateModelAction.bind(null, model.key)}
          mode="edit"
          owners={owners}
          units={units.map((u) => u.name)}
          initial={{
            revision: String(model.revision),
            name: model.name,
            intendedPurpose: model.intendedPurpose ?? "",
            description: model.description ?? "",
            foreseeableMisuse: model.foreseeableMisuse ?? "",
            businessUnit: model.businessUnit?.name ?? "",
            lifecycle: model.lifecycle,
            actorRole: model.actorRole,
            publicAuthority: model.publicAuthority ? "on" : "",
            businessOwnerEmail: model.businessOwner?.email ?? "",
            technicalOwnerEmail: model.technicalOwner?.email ?? "",
            environments: model.environments.join(", "),
            nextReviewAt: model.nextReviewAt?.toISOString().slice(0, 10) ?? "",
            euDatabaseId: model.euDatabaseId ?? "",
          }}
        />
      </div>
    </>
  );
}
