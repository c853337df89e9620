import type { Metadata } from "next";
import { openModelPageFor } from "../_components/model-page";
import { listAssignableOwners, listBusinessUnits } from "@/lib/models/queries";
import { updateModelAction } from "../../_components/actions";
import { ModelForm } from "../../_components/model-form";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Params }) {
  const { model } = await openModelPageFor(params, "/edit", "model.edit");
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
