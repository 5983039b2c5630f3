import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { isRtlText, visualRuns, wrapWords } from './bidi-lines.ts';
import { PICTOGRAM_BOX, PICTOGRAM_COLOUR, PICTOGRAM_STROKE, pictogramPaths, type PictogramName } from './pictograms.ts';

/**
 * Drawing the materials as PDF on the server (pdfkit). The font is DejaVu Sans from the
 * `dejavu-fonts-ttf` package (free licence, see its LICENSE): one family that covers Dutch, Turkish
 * and Polish letters and Arabic, embedded as a subset in every file, so a printer needs no font.
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export const INK = '#1a1a1a';
export const MUTED = '#4b4b4b';
export const ACCENT = PICTOGRAM_COLOUR;

/** Page sizes in PDF points (1/72 inch), portrait. */
export const A3: [number, number] = [841.89, 1190.55];
export const A4: [number, number] = [595.28, 841.89];
export const A6: [number, number] = [297.64, 419.53];

export interface Canvas {
  doc: PDFKit.PDFDocument;
  /** Ends the document; resolves with the file. */
  finish(): Promise<Buffer>;
}

export function newCanvas(size: [number, number], options: { landscape?: boolean; title: string; lang: string }): Canvas {
  const doc = new PDFDocument({
    size,
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: 0,
    autoFirstPage: true,
    lang: options.lang,
    displayTitle: true,
    info: { Title: options.title, Author: 'Korte Lijn', Creator: 'Korte Lijn' },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('regular').fillColor(INK);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish() {
      doc.end();
      return ended;
    },
  };
}

export interface TextBox {
  x: number;
  y: number;
  width: number;
  size: number;
  bold?: boolean;
  colour?: string;
  /** The card's reading direction: right-to-left aligns every line to the right edge. */
  rtl?: boolean;
  /** At most this many lines; the rest is cut (card space is fixed). */
  maxLines?: number;
}

/**
 * Writes a paragraph and returns the y below it. Lines are broken here (bidi-lines.ts) in both
 * directions, so the height is known and right-to-left lines can be placed run by run: each Arabic
 * run is one piece of text, shaped and reversed by fontkit, and placed from the right edge.
 */
export function write(doc: PDFKit.PDFDocument, text: string, box: TextBox): number {
  doc
    .font(box.bold ? 'bold' : 'regular')
    .fontSize(box.size)
    .fillColor(box.colour ?? INK);
  const lineHeight = box.size * 1.3;
  const lines = wrapWords(text, box.width, (s) => doc.widthOfString(s)).slice(0, box.maxLines ?? Infinity);
  let y = box.y;
  for (const line of lines) {
    if (box.rtl) {
      let x = box.x + box.width;
      // Runs stand left to right on paper; place them from the right edge, the last one first.
      const runs = visualRuns(line);
      const space = doc.widthOfString(' ');
      for (const run of [...runs].reverse()) {
        // Arabic word by word (pdfkit loses spaces inside a reversed run); other runs whole.
        for (const piece of run.rtl ? run.text.split(' ') : [run.text]) {
          x -= doc.widthOfString(piece);
          doc.text(piece, x, y, { lineBreak: false });
          x -= space;
        }
      }
    } else {
      doc.text(line, box.x, y, { lineBreak: false });
    }
    y += lineHeight;
  }
  return y;
}

/** Whether a text needs right-to-left placement (any Arabic letter). */
export const needsRtl = isRtlText;

/** One of the pictograms (pictograms.ts), the same paths as on the HTML pages. */
export function drawPictogram(doc: PDFKit.PDFDocument, name: PictogramName, x: number, y: number, size: number): void {
  doc.save();
  doc.translate(x, y).scale(size / PICTOGRAM_BOX);
  doc.lineWidth(PICTOGRAM_STROKE).strokeColor(PICTOGRAM_COLOUR).lineCap('round').lineJoin('round');
  for (const d of pictogramPaths[name]) doc.path(d).stroke();
  doc.restore();
}

/** The QR code's modules (true = dark), the matrix drawn in the PDF; tests decode this same matrix. */
export function qrModules(payload: string): boolean[][] {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  return Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => Boolean(qr.modules.get(row, col))));
}

/** A QR code as vector squares, with the quiet zone of 4 modules the standard asks for (ISO/IEC 18004). */
export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const modules = qrModules(payload);
  const cell = size / (modules.length + 8);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell + 0.05, cell + 0.05);
    }),
  );
  doc.fill();
  doc.restore();
}
