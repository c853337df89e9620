import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { getDataset } from "@/lib/datasets/datasets";
import { updateDatasetAction } from "../../_components/actions";
import { DatasetForm } from "../../_components/dataset-form";

export const metadata: Metadata = { title: "Edit dataset" };

export default async function EditDatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/datasets/${id}/edit`);
  const d = await getDataset(id);
  if (!d) notFound();
  if (!can(user, "dataset.edit", { kind: "dataset", ownerId: d.ownerId })) forbidden();
  const s = (v: string | null) => v ?? "";
  return (
    <>
      <h1>Edit {d.name}</h1>
      <div className="card">
        <DatasetForm
          action={updateDatasetAction.bind(null, d.id)}
          mode="edit"
          initial={{
            revision: String(d.revision),
            name: d.name,
            version: d.version,
            description: s(d.description),
            source: s(d.source),
            provenance: s(d.provenance),
            collectionPeriod: s(d.collectionPeriod),
            collectionMethod: s(d.collectionMethod),
            preprocessing: s(d.preprocessing),
            size: s(d.size),
            licence: s(d.licence),
            knownBiases: s(d.knownBiases),
            biasMitigations: s(d.biasMitigations),
            ownerEmail: d.owner?.email ?? "",
            personalData: d.personalData ? "on" : "",
            specialCategoryData: d.specialCategoryData ? "on" : "",
          }}
        />
      </div>
    </>
  );
}
