/** Vietnam keeps UTC+7 all year: dates in signatures and signature blocks are written in its time. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

function parts(at: Date, offsetMinutes: number) {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    y: p(local.getUTCFullYear(), 4),
    mo: p(local.getUTCMonth() + 1),
    d: p(local.getUTCDate()),
    h: p(local.getUTCHours()),
    mi: p(local.getUTCMinutes()),
    s: p(local.getUTCSeconds()),
    oh: p(Math.floor(Math.abs(offsetMinutes) / 60)),
    om: p(Math.abs(offsetMinutes) % 60),
    sign: offsetMinutes < 0 ? '-' : '+',
  };
}

/** A PDF date string, e.g. D:20261123101503+07'00' (ISO 32000 §7.9.4). */
export function pdfDate(at: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): string {
  const x = parts(at, offsetMinutes);
  return `D:${x.y}${x.mo}${x.d}${x.h}${x.mi}${x.s}${x.sign}${x.oh}'${x.om}'`;
}

/** Reads a PDF date string; null when it is not one. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone, sign, oh = '00', om = '00'] = m;
  const offset = !zone || zone === 'Z' ? 'Z' : `${sign}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "23/11/2026 10:15:03 (GMT+7)" for a visible signature block. */
export function displayDate(at: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): string {
  const x = parts(at, offsetMinutes);
  const zone = x.om === '00' ? `${x.sign}${Number(x.oh)}` : `${x.sign}${x.oh}:${x.om}`;
  return `${x.d}/${x.mo}/${x.y} ${x.h}:${x.mi}:${x.s} (GMT${zone})`;
}
