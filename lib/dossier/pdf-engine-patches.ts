// Patches to react-pdf 4.9 / pdfkit 0.20 / fontkit 2, applied once per thread by pdf-fonts.ts.
//
// Correctness fixes for text extraction (pdftotext, search, screen readers):
// 0a. fontkit caches one glyph object per glyph id, with the code points of the FIRST string that
//     produced it. When that was an OpenType substitution (a decomposition, an alternate), the cached
//     glyph has no or other code points, and pdfkit, which builds the PDF's ToUnicode map from them,
//     writes that glyph without its text: "Art. 11" extracted as "Art 11", "4. Appropriateness" as
//     ". Appropriateness", depending on what the worker rendered before. `fixGlyphCodePoints` hands out
//     a view of the cached glyph carrying the code points of the current string instead.
// 0b. A glyph that still has none when its font is written into the PDF gets them from the cmap.
//
// Two measured speed fixes for large tables (scripts/bench/dossier.ts):
//
// 1. pdfkit's `doc.font(fontObject)` builds a new embedded font on every text run and then compares it
//    with the cached one by JSON-serialising both fonts' name tables: about half of all rendering time
//    for a 1,000-row report. We remember the embedded font per fontkit font per document instead; the
//    result is the object pdfkit would have found itself (same font, same document).
// 2. fontkit shapes every text run from scratch. The same strings recur thousands of times in a report
//    (risk classes, article references, requirement titles), so shaped runs are memoised per font.
//    textkit copies the positions it changes (scalePositions) and never mutates the glyph arrays of a
//    run; we still hand out a fresh glyph array for every call.
//
// Both are behaviour-preserving caches; `speedupStats()` lets the bench and tests see that they engage.
//
// One addition: "Page X of Y" (stampPageNumbers below). react-pdf's only way to print the page count is a
// render-prop Text, which makes its (legacy) paginator lay out every page of the document up to three more
// times (about a quarter of a dossier's render time), and in 4.9 the fixed footer holding it then did not
// appear in the PDF at all. pdfkit, which react-pdf drives, keeps the document's pages open when asked
// (its own `bufferPages` option) and can draw on any of them before ending the document, so the count is
// written there, in one pass, with the same embedded font, once the total is known.
import PDFDocument from "pdfkit";

type FontContext = {
  _font: unknown;
  info?: Record<string, unknown>;
  options: { bufferPages?: boolean };
  page: { width: number; height: number };
  bufferedPageRange(): { start: number; count: number };
  switchToPage(n: number): unknown;
  save(): FontContext;
  restore(): FontContext;
  fillColor(color: string): FontContext;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options?: Record<string, unknown>): FontContext;
  font(src: unknown): FontContext;
  __dossierStamp?: PageNumberStamp | null;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: number): unknown;
  __dossierFonts?: Map<object, unknown>;
};
type FontMethod = (this: FontContext, src: unknown, family?: unknown, size?: unknown) => FontContext;
type GlyphRun = { glyphs: unknown[]; positions: unknown[] } & Record<string, unknown>;
type LayoutFont = { layout: (text: string, features?: unknown, ...rest: unknown[]) => GlyphRun; __dossierMemo?: true };

const stats = { embeddedFontHits: 0, layoutHits: 0, layoutMisses: 0 };
export type SpeedupStats = typeof stats;
export const speedupStats = (): SpeedupStats => ({ ...stats });

type EmbeddedFontLike = {
  unicode?: Array<number[] | undefined>;
  subset?: { glyphs?: number[] };
  font?: { _cmapProcessor?: { codePointsForGlyph(id: number): number[] } };
  embed?: () => unknown;
  __dossierToUnicodeFix?: true;
};

/** Fix 0b: fill the ToUnicode entries that fontkit's glyph cache left empty, just before embedding. */
function fixToUnicodeOnEmbed(embedded: unknown): void {
  const target = embedded as EmbeddedFontLike | null;
  if (!target || typeof target.embed !== "function" || target.__dossierToUnicodeFix) return;
  target.__dossierToUnicodeFix = true;
  const embed = target.embed.bind(target);
  target.embed = () => {
    const unicode = target.unicode;
    const originalIds = target.subset?.glyphs;
    const cmap = target.font?._cmapProcessor;
    if (unicode && originalIds && cmap) {
      for (let gid = 1; gid < originalIds.length; gid++) {
        const current = unicode[gid];
        const original = originalIds[gid];
        if ((current === undefined || current.length === 0) && original !== undefined) {
          const codePoints = cmap.codePointsForGlyph(original);
          if (codePoints.length > 0) unicode[gid] = [codePoints[0]!];
        }
      }
    }
    return embed();
  };
}

/** Where and how "Page X of Y" is drawn: right-aligned, `right` pt from the page's right edge, its line box `bottom` pt above the page's bottom. */
export type PageNumberStamp = { font: unknown; fontSize: number; color: string; right: number; bottom: number; lineHeight: number };

/** Documents (by their title, set at construction) that asked for page numbers, with renders in flight. */
const stampRequests = new Map<string, { stamp: PageNumberStamp; inFlight: number }>();

/**
 * Render a document with "Page X of Y" on every page: `render` must create exactly the PDF titled
 * `title` (react-pdf's Document `title`). Concurrent renders of same-titled documents share the request.
 */
export async function stampPageNumbers<T>(title: string, stamp: PageNumberStamp, render: () => Promise<T>): Promise<T> {
  const entry = stampRequests.get(title) ?? { stamp, inFlight: 0 };
  entry.inFlight++;
  stampRequests.set(title, entry);
  try {
    return await render();
  } finally {
    if (--entry.inFlight === 0) stampRequests.delete(title);
  }
}

export const pageNumberText = (pageNumber: number, totalPages: number) => `Page ${pageNumber} of ${totalPages}`;

function drawPageNumbers(doc: FontContext, stamp: PageNumberStamp): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    const text = pageNumberText(start + i + 1, start + count);
    doc.save();
    doc.font(stamp.font);
    doc.fontSize(stamp.fontSize);
    doc.fillColor(stamp.color);
    const width = doc.widthOfString(text);
    // the top of the footer's line box, where react-pdf puts the footer's other text (same baseline)
    const top = doc.page.height - stamp.bottom - stamp.lineHeight;
    doc.text(text, doc.page.width - stamp.right - width, top, { lineBreak: false });
    doc.restore();
  }
}

let installed = false;

export function installPdfEnginePatches(): void {
  if (installed) return;
  installed = true;
  const proto = (PDFDocument as unknown as { prototype: { font: FontMethod; addPage: (this: FontContext, ...a: unknown[]) => unknown; end: (this: FontContext) => unknown } }).prototype;
  const addPage = proto.addPage;
  proto.addPage = function (this: FontContext, ...args: unknown[]) {
    if (this.__dossierStamp === undefined) {
      const title = this.info?.Title;
      this.__dossierStamp = typeof title === "string" ? (stampRequests.get(title)?.stamp ?? null) : null;
      // keep every page open until end(), where the total is known
      if (this.__dossierStamp) this.options.bufferPages = true;
    }
    return addPage.apply(this, args);
  };
  const end = proto.end;
  proto.end = function (this: FontContext) {
    if (this.__dossierStamp) drawPageNumbers(this, this.__dossierStamp);
    return end.call(this);
  };
  const original = proto.font;
  proto.font = function font(this: FontContext, src, family, size) {
    const isFontObject = src !== null && typeof src === "object" && typeof (src as { layout?: unknown }).layout === "function";
    if (!isFontObject) {
      original.call(this, src, family, size);
      fixToUnicodeOnEmbed(this._font);
      return this;
    }
    const cache = (this.__dossierFonts ??= new Map());
    const embedded = cache.get(src as object);
    if (embedded === undefined) {
      original.call(this, src, family, size);
      fixToUnicodeOnEmbed(this._font);
      cache.set(src as object, this._font);
      return this;
    }
    stats.embeddedFontHits++;
    this._font = embedded;
    this._fontSource = src;
    this._fontFamily = null;
    const fontSize = typeof family === "number" ? family : size;
    if (typeof fontSize === "number") this.fontSize(fontSize);
    return this;
  };
}

type GlyphLike = { codePoints: number[] };
type GlyphSource = { getGlyph: (id: number, codePoints?: number[]) => GlyphLike | null; __dossierGlyphFix?: true };

const sameCodePoints = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** Fix 0a: a glyph asked for with code points carries exactly those, whatever fontkit cached first. */
export function fixGlyphCodePoints(font: unknown): void {
  const target = font as GlyphSource | null | undefined;
  if (!target || typeof target.getGlyph !== "function" || target.__dossierGlyphFix) return;
  target.__dossierGlyphFix = true;
  const getGlyph = target.getGlyph.bind(target);
  const views = new Map<string, GlyphLike>();
  target.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (!glyph || codePoints.length === 0 || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    const key = `${id}:${codePoints.join(",")}`;
    let view = views.get(key);
    if (!view) {
      // shares the cached glyph's outline and metrics through the prototype
      view = Object.create(glyph) as GlyphLike;
      view.codePoints = codePoints;
      views.set(key, view);
    }
    return view;
  };
}

const LAYOUT_MEMO_LIMIT = 50_000;

export function memoizeGlyphLayout(font: unknown): void {
  const target = font as LayoutFont | null | undefined;
  if (!target || typeof target.layout !== "function" || target.__dossierMemo) return;
  const layout = target.layout.bind(target);
  const memo = new Map<string, GlyphRun>();
  target.__dossierMemo = true;
  target.layout = (text, features, ...rest) => {
    // only the plain call textkit makes (features, then script/language undefined, direction "ltr")
    const cacheable = typeof text === "string" && rest.length <= 3 && rest[0] === undefined && rest[1] === undefined;
    if (!cacheable) return layout(text, features, ...rest);
    const key = `${features === undefined ? "" : JSON.stringify(features)}\u0000${String(rest[2] ?? "")}\u0000${text}`;
    let run = memo.get(key);
    if (run === undefined) {
      stats.layoutMisses++;
      run = layout(text, features, ...rest);
      if (memo.size >= LAYOUT_MEMO_LIMIT) memo.clear();
      memo.set(key, run);
    } else {
      stats.layoutHits++;
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run, { glyphs: run.glyphs.slice() });
  };
}
