import { hoursText, type CardContent, type HandoverContent, type PlacematContent } from './material-content.ts';
import { A3, A4, A6, ACCENT, MUTED, drawPictogram, drawQr, newCanvas, write, type Canvas } from './pdf-canvas.ts';

/**
 * The three printed materials as PDF, drawn from the same content objects as the HTML pages
 * (material-content.ts). Sizes: placemat A3 landscape, cards A6 four to an A4 sheet (cut along the
 * dashed lines), hand-over card A6.
 */
const VISIT_COLOUR = '#b34700';

export async function placematPdf(p: PlacematContent): Promise<Buffer> {
  const canvas = newCanvas(A3, { landscape: true, title: p.title, lang: p.lang });
  const { doc } = canvas;
  const width = A3[1];
  const margin = 36;
  write(doc, p.title, { x: margin, y: 28, width: 760, size: 24, bold: true, maxLines: 1 });
  write(doc, p.intro, { x: margin, y: 62, width: 760, size: 11, maxLines: 2 });
  write(doc, p.madeOn, { x: margin, y: 94, width: 760, size: 9, colour: MUTED });
  drawQr(doc, p.helpUrl, width - margin - 104, 20, 104);
  write(doc, p.scan, { x: width - margin - 250, y: 126, width: 250, size: 8, colour: MUTED, maxLines: 1 });
  write(doc, p.helpUrl, { x: width - margin - 250, y: 137, width: 250, size: 7, colour: MUTED, maxLines: 1 });

  // Help per question: four columns, two rows; the pictogram first, a few words each.
  write(doc, p.routesHeading, { x: margin, y: 124, width: 400, size: 14, bold: true });
  const cellWidth = 186;
  p.routes.forEach((route, i) => {
    const x = margin + (i % 4) * cellWidth;
    const y = 150 + Math.floor(i / 4) * 200;
    drawPictogram(doc, route.pictogram, x, y, 40);
    write(doc, route.label, { x: x + 46, y: y + 12, width: cellWidth - 56, size: 12, bold: true, maxLines: 2 });
    let below = y + 48;
    for (const line of route.lines) below = write(doc, line, { x, y: below, width: cellWidth - 12, size: 8.5, maxLines: 3 }) + 2;
    if (route.urgent) write(doc, route.urgent, { x, y: below + 2, width: cellWidth - 12, size: 7.5, colour: ACCENT, maxLines: 3 });
  });

  // Right column: contacts, terms, on-site hours.
  const colX = margin + 4 * cellWidth + 24;
  const colWidth = width - margin - colX;
  let y = 170;
  const list = (heading: string, lines: readonly string[]) => {
    y = write(doc, heading, { x: colX, y, width: colWidth, size: 12, bold: true }) + 2;
    for (const line of lines.length > 0 ? lines : [p.empty]) y = write(doc, line, { x: colX, y, width: colWidth, size: 8.5, maxLines: 3 }) + 2;
    y += 10;
  };
  list(p.contactsHeading, p.contacts.slice(0, 6));
  list(p.termsHeading, p.terms.slice(0, 4));
  list(p.onsiteHeading, [...p.onsite.slice(0, 4), ...p.visits.slice(0, 3)]);

  // The calendar of the year: six months a row.
  const calendarTop = 560;
  write(doc, p.calendarHeading, { x: margin, y: calendarTop - 8, width: 300, size: 12, bold: true });
  doc.rect(340, calendarTop - 6, 9, 9).fill(ACCENT);
  write(doc, p.legend.onsite, { x: 353, y: calendarTop - 7, width: 180, size: 8 });
  doc
    .rect(540, calendarTop - 6, 9, 9)
    .lineWidth(1.5)
    .stroke(VISIT_COLOUR);
  write(doc, p.legend.visit, { x: 553, y: calendarTop - 7, width: 180, size: 8 });
  const monthWidth = (width - 2 * margin) / 6;
  const cell = 22;
  p.calendar.forEach((month, i) => {
    const mx = margin + (i % 6) * monthWidth;
    const my = calendarTop + 14 + Math.floor(i / 6) * 128;
    write(doc, `${p.monthNames[month.month - 1] ?? ''} ${month.year}`, { x: mx, y: my, width: monthWidth, size: 9, bold: true });
    p.dayInitials.forEach((d, col) => write(doc, d, { x: mx + col * cell + 4, y: my + 13, width: cell, size: 6.5, colour: MUTED }));
    month.weeks.forEach((week, row) =>
      week.forEach((day, col) => {
        if (day.day === null) return;
        const cx = mx + col * cell;
        const cy = my + 24 + row * 15;
        if (day.marks.includes('onsite')) doc.rect(cx + 1, cy - 2, cell - 3, 13).fill(ACCENT);
        if (day.marks.includes('visit'))
          doc
            .rect(cx + 1, cy - 2, cell - 3, 13)
            .lineWidth(1.5)
            .stroke(VISIT_COLOUR);
        write(doc, String(day.day), { x: cx + 4, y: cy, width: cell, size: 7, colour: day.marks.includes('onsite') ? '#ffffff' : undefined });
      }),
    );
  });
  return canvas.finish();
}

/** One A6 card at (x, y); the four cards of a sheet are the same card. */
function drawCard(canvas: Canvas, c: CardContent, x: number, y: number, width: number, height: number): void {
  const { doc } = canvas;
  const pad = 18;
  const inner = width - 2 * pad;
  const rtl = c.rtl;
  (['debt', 'rent', 'energy', 'food'] as const).forEach((name, i) =>
    drawPictogram(doc, name, rtl ? x + width - pad - 28 - i * 34 : x + pad + i * 34, y + pad, 28),
  );
  let top = write(doc, c.title, { x: x + pad, y: y + pad + 36, width: inner, size: 13, bold: true, rtl, maxLines: 3 });
  top = write(doc, c.notAlone, { x: x + pad, y: top + 2, width: inner, size: 8.5, rtl, maxLines: 2 }) + 6;
  drawPictogram(doc, 'walk_in', rtl ? x + width - pad - 18 : x + pad, top - 2, 18);
  top = write(doc, c.walkInHeading, { x: rtl ? x + pad : x + pad + 24, y: top + 2, width: inner - 24, size: 9.5, bold: true, rtl, maxLines: 1 }) + 2;
  for (const w of c.walkIns) {
    top = write(doc, w.name, { x: x + pad, y: top, width: inner, size: 8, bold: true, rtl, maxLines: 1 });
    top = write(doc, w.address, { x: x + pad, y: top, width: inner, size: 7.5, rtl, maxLines: 1 });
    // One line per day: a day and its times keep their order in either direction.
    for (const line of w.hours) top = write(doc, hoursText(line), { x: x + pad, y: top, width: inner, size: 7.5, rtl, maxLines: 1 });
    top += 3;
  }
  if (c.noWalkIn) top = write(doc, c.noWalkIn, { x: x + pad, y: top, width: inner, size: 7.5, rtl, maxLines: 2 }) + 3;
  top = write(doc, c.callHeading, { x: x + pad, y: top + 2, width: inner, size: 9.5, bold: true, rtl, maxLines: 1 }) + 1;
  for (const call of c.calls) {
    top = write(doc, call.name, { x: x + pad, y: top, width: inner, size: 7.5, rtl, maxLines: 1 });
    top = write(doc, call.phone, { x: x + pad, y: top, width: inner, size: 10, bold: true, rtl, maxLines: 1 }) + 2;
  }
  const qrSize = 78;
  const qrX = rtl ? x + pad : x + width - pad - qrSize;
  const qrY = y + height - pad - qrSize;
  drawQr(doc, c.helpUrl, qrX, qrY, qrSize);
  const textX = rtl ? x + pad + qrSize + 8 : x + pad;
  const after = write(doc, c.scan, { x: textX, y: qrY + 14, width: inner - qrSize - 8, size: 8, bold: true, rtl, maxLines: 3 });
  write(doc, c.madeOn, { x: textX, y: after + 4, width: inner - qrSize - 8, size: 6.5, colour: MUTED, rtl, maxLines: 2 });
}

export async function cardsPdf(c: CardContent): Promise<Buffer> {
  const canvas = newCanvas(A4, { title: c.title, lang: c.lang });
  const { doc } = canvas;
  const [w, h] = [A4[0] / 2, A4[1] / 2];
  for (const [col, row] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const)
    drawCard(canvas, c, col * w, row * h, w, h);
  // Cut lines.
  doc.save().lineWidth(0.5).dash(4, { space: 4 }).strokeColor('#999999');
  doc.moveTo(w, 0).lineTo(w, A4[1]).stroke();
  doc.moveTo(0, h).lineTo(A4[0], h).stroke();
  doc.undash().restore();
  return canvas.finish();
}

export async function handoverPdf(c: HandoverContent): Promise<Buffer> {
  const canvas = newCanvas(A6, { title: c.title, lang: c.lang });
  const { doc } = canvas;
  const pad = 20;
  const inner = A6[0] - 2 * pad;
  const rtl = c.rtl;
  let y = write(doc, c.title, { x: pad, y: pad, width: inner, size: 16, bold: true, rtl });
  y = write(doc, c.referredTo, { x: pad, y: y + 4, width: inner, size: 9, rtl });
  y = write(doc, c.team, { x: pad, y, width: inner, size: 11, bold: true, rtl, maxLines: 2 }) + 6;
  for (const row of c.rows) {
    y = write(doc, row.label, { x: pad, y, width: inner, size: 8.5, colour: MUTED, rtl });
    y = write(doc, row.value, { x: pad, y, width: inner, size: 12, bold: true, rtl, maxLines: 2 }) + 4;
  }
  drawPictogram(doc, 'forms', rtl ? A6[0] - pad - 22 : pad, y, 22);
  y = write(doc, c.atHand, { x: rtl ? pad : pad + 28, y: y + 4, width: inner - 28, size: 10, bold: true, rtl }) + 4;
  for (const item of c.items) y = write(doc, `• ${item}`, { x: pad, y, width: inner, size: 8.5, rtl, maxLines: 2 }) + 1;
  if (c.notCalled) write(doc, `${c.notCalled.text} ${c.notCalled.phone}`, { x: pad, y: y + 6, width: inner, size: 8.5, bold: true, rtl, maxLines: 3 });
  write(doc, c.reference, { x: pad, y: A6[1] - pad - 8, width: inner, size: 6.5, colour: MUTED });
  return canvas.finish();
}
