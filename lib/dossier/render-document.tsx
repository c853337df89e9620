// DTO → PDF bytes. Runs on a worker thread (render-worker-main.ts); pure apart from loading the fonts.
import { renderToBuffer } from "@react-pdf/renderer";
import { stampPageNumbers } from "./pdf-engine-patches";
import { registerPdfFonts, regularFont } from "./pdf-fonts";
import { FOOTER_PAGE_NUMBERS } from "./pdf-kit";
import { InventoryReportDocument } from "./render-inventory-report";
import { ModelDossierDocument, dossierTitle } from "./render-model-dossier";
import type { DocumentData } from "./types";

export async function renderDocumentPdf(data: DocumentData): Promise<Uint8Array> {
  await registerPdfFonts();
  const buffer =
    data.kind === "MODEL_DOSSIER"
      ? // "Page X of Y" in the dossier's footer, drawn once the page count is known (pdf-engine-patches.ts)
        await stampPageNumbers(dossierTitle(data), { ...FOOTER_PAGE_NUMBERS, font: regularFont() }, () => renderToBuffer(<ModelDossierDocument data={data} />))
      : await renderToBuffer(<InventoryReportDocument data={data} />);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
