// pdfkit is react-pdf's own dependency (no @types package in the app): only the class is used, to
// install the patches in pdf-engine-patches.ts.
declare module "pdfkit" {
  const PDFDocument: new (...args: unknown[]) => unknown;
  export default PDFDocument;
}
