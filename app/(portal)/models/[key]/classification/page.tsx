import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import type { Answers } from "@/lib/compliance";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { getModelByKey } from "@/lib/models/queries";
import { classifyAction } from "./actions";
import { QuestionnaireForm } from "./questionnaire-form";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Classification" };

export default async function ClassificationPage({ params }: { params: Params }) {
  const { key } = await params;
  const user = await requirePageUser(`/models/${key}/classification`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
  const model = await getModelByKey(key);
  if (!model) notFound();
  if (!can(user, "model.classify.propose", { kind: "model", model })) forbidden();
  return (
    <>
      <p>
        <Link href={`/models/${key}`}>← {model.name}</Link>
      </p>
      <h1>Risk classification</h1>
      <p className="muted">
        Each answer cites the provision it rests on.{" "}
        {can(user, "model.classify.confirm") ? "Your classification is confirmed when you save it." : "Your answers are a proposal until a compliance officer confirms them."}
      </p>
      <QuestionnaireForm
        action={classifyAction.bind(null, key)}
        initialAnswers={(model.classificationAnswers ?? {}) as Answers}
        revision={model.revision}
        canConfirm={can(user, "model.classify.confirm")}
      />
    </>
  );
}
