/* Sizes and days as a jury member reads them: "12,5 Mo", "1,2 Go", in the language's number
 * format (French: a comma, a narrow space before the unit). Decimal units, as storage is sold. */

const UNITS = ['o', 'ko', 'Mo', 'Go', 'To'];
const UNITS_EN = ['B', 'kB', 'MB', 'GB', 'TB'];

/** "0 o", "850 ko", "12,5 Mo", "1,2 Go" (en: "12.5 MB"). */
export function formatBytes(bytes, language = 'fr') {
  const units = language === 'fr' ? UNITS : UNITS_EN;
  let value = Math.max(0, Number(bytes) || 0);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const locale = language === 'fr' ? 'fr-FR' : language;
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number}\u00a0${units[unit]}`;
}

/** Today on this device, as a date record field ("2027-03-17"), in local time. */
export function localDate(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
