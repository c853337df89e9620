// Fonts for every PDF Dossier issues: IBM Plex Sans from the npm package @expo-google-fonts/ibm-plex-sans
// (TrueType files that fontkit reads; full Latin incl. Latin Extended, the em dash of "INCOMPLETE — not
// audit-ready", Greek, Cyrillic). Nothing is fetched at run time. Registered once per thread.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Font } from "@react-pdf/renderer";
import { fixGlyphCodePoints, installPdfEnginePatches, memoizeGlyphLayout } from "./pdf-engine-patches";

export const PDF_FONT_FAMILY = "IBM Plex Sans";
const PACKAGE = "@expo-google-fonts/ibm-plex-sans";

const FACES = [
  { file: "400Regular/IBMPlexSans_400Regular.ttf", fontWeight: 400, fontStyle: "normal" },
  { file: "400Regular_Italic/IBMPlexSans_400Regular_Italic.ttf", fontWeight: 400, fontStyle: "italic" },
  { file: "600SemiBold/IBMPlexSans_600SemiBold.ttf", fontWeight: 600, fontStyle: "normal" },
  { file: "700Bold/IBMPlexSans_700Bold.ttf", fontWeight: 700, fontStyle: "normal" },
] as const;

function packageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  } catch {
    // bundled contexts may not resolve from this file; the package is a dependency of the app itself
    return join(process.cwd(), "node_modules", PACKAGE);
  }
}

let ready: Promise<void> | null = null;

/** The loaded regular face (a fontkit font), for text drawn outside react-pdf's layout (page numbers). */
export function regularFont(): unknown {
  const font = Font.getFont({ fontFamily: PDF_FONT_FAMILY, fontWeight: 400, fontStyle: "normal" })?.data;
  if (!font) throw new Error("PDF fonts are not loaded (registerPdfFonts)");
  return font;
}

/** Register and load the fonts (once); later calls return the same promise. */
export function registerPdfFonts(): Promise<void> {
  ready ??= (async () => {
    const dir = packageDir();
    const fonts = FACES.map((f) => ({ src: join(dir, f.file), fontWeight: f.fontWeight, fontStyle: f.fontStyle }));
    const absent = fonts.filter((f) => !existsSync(f.src));
    if (absent.length > 0) throw new Error(`PDF fonts are missing (run npm ci): ${absent.map((f) => f.src).join(", ")}`);
    Font.register({ family: PDF_FONT_FAMILY, fonts });
    // no hyphenation: legal text, model keys and hashes must come out exactly as recorded (and stay
    // searchable with pdftotext); columns are sized for them instead
    Font.registerHyphenationCallback((word) => [word]);
    installPdfEnginePatches();
    for (const f of FACES) {
      const descriptor = { fontFamily: PDF_FONT_FAMILY, fontWeight: f.fontWeight, fontStyle: f.fontStyle };
      await Font.load(descriptor);
      const font = Font.getFont(descriptor)?.data;
      fixGlyphCodePoints(font);
      memoizeGlyphLayout(font);
    }
  })();
  return ready;
}
