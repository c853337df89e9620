import type { Metadata } from "next";
import { openModelPage } from "./_components/model-page";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz/policy";
import { getModelDetail } from "@/lib/models/detail";
import { ManagePanels } from "./_components/manage-panels";
import { DossierActions } from "./_components/dossier-actions";
import { ModelHeader } from "./_components/model-header";
import { MissingSection } from "./_components/missing-section";
import { OverviewSection } from "./_components/overview-section";
import { ClassificationSection } from "./_components/classification-section";
import { ReviewSection } from "./_components/review-section";
import { VersionsSection } from "./_components/versions-section";
import { DatasetsSection } from "./_components/datasets-section";
import { BiasSection } from "./_components/bias-section";
import { MonitoringSection } from "./_components/monitoring-section";
import { IncidentsSection } from "./_components/incidents-section";
import { HistorySection } from "./_components/history-section";

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).key };
}

export default async function ModelPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { key } = await params;
  const reviewOutcome = (await searchParams).review;
  const { user } = await openModelPage(params);
  const detail = await getModelDetail({ actor: user, key });
  if (!detail) notFound();
  const { model, versions } = detail;
  const editable = can(user, "model.edit", { kind: "model", model });

  return (
    <>
      <ModelHeader detail={detail} user={user} />
      <MissingSection detail={detail} />
      <DossierActions modelKey={model.key} />
      <OverviewSection model={model} />
      <ClassificationSection model={model} user={user} />
      <ReviewSection detail={detail} user={user} outcome={typeof reviewOutcome === "string" ? reviewOutcome : undefined} />
      <VersionsSection detail={detail} editable={editable} />
      <DatasetsSection versions={versions} />
      <BiasSection detail={detail} editable={editable} />
      <MonitoringSection detail={detail} />
      <IncidentsSection detail={detail} editable={editable} />
      {editable && <ManagePanels modelKey={model.key} versions={versions.filter((v) => !v.withdrawnAt).map((v) => v.version)} config={model.monitoringConfig} />}
      <HistorySection detail={detail} />
    </>
  );
}
