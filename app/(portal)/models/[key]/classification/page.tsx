import type { Metadata } from "next";
import { openModelPageFor } from "../_components/model-page";
import Link from "next/link";
import { can } from "@/lib/authz/policy";
import type { Answers } from "@/lib/compliance";
import { classifyAction } from "./actions";
import { QuestionnaireForm } from "./questionnaire-form";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Classification" };

export default async function ClassificationPage({ params }: { params: Params }) {
  const { user, key, model } = await openModelPageFor(params, "/classification", "model.classify.propose");
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
