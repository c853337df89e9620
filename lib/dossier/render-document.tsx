// DTO → PDF bytes. Runs on a worker thread (render-worker-main.ts); pure apart from loading the fonts.
import { renderToBuffer } from "@react-pdf/renderer";
import { registerPdfFonts } from "./pdf-fonts";
import { InventoryReportDocument } from "./render-inventory-report";
import { ModelDossierDocument } from "./render-model-dossier";
import type { DocumentData } from "./types";

export async function renderDocumentPdf(data: DocumentData): Promise<Uint8Array> {
  await registerPdfFonts();
  const element = data.kind === "MODEL_DOSSIER" ? <ModelDossierDocument data={data} /> : <InventoryReportDocument data={data} />;
  const buffer = await renderToBuffer(element);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
