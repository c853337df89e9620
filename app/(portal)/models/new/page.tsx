import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { listAssignableOwners, listBusinessUnits } from "@/lib/models/queries";
import { createModelAction } from "../_components/actions";
import { ModelForm } from "../_components/model-form";

export const metadata: Metadata = { title: "Register a model" };

export default async function NewModelPage() {
  const user = await requirePageUser("/models/new");
  if (!can(user, "model.create")) forbidden();
  const [owners, units] = await Promise.all([listAssignableOwners(), listBusinessUnits()]);
  return (
    <>
      <h1>Register a model</h1>
      <div className="card">
        <ModelForm action={createModelAction} mode="create" initial={{ technicalOwnerEmail: user.role === "MODEL_OWNER" ? user.email : "" }} owners={owners} units={units.map((u) => u.name)} />
      </div>
    </>
  );
}
