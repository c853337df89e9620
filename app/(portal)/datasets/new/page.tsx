import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { createDatasetAction } from "../_components/actions";
import { DatasetForm } from "../_components/dataset-form";

export const metadata: Metadata = { title: "Add a dataset" };

export default async function NewDatasetPage() {
  const user = await requirePageUser("/datasets/new");
  if (!can(user, "dataset.create")) forbidden();
  return (
    <>
      <h1>Add a dataset</h1>
      <div className="card">
        <DatasetForm action={createDatasetAction} mode="create" initial={{ ownerEmail: user.email }} />
      </div>
    </>
  );
}
