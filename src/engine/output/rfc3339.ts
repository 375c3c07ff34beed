/**
 * Formats epoch ms as Go's RFC3339Nano in local time ("2026-08-21T09:43:41.123456+02:00", trailing zeros
 * trimmed, "Z" for a zero offset). Caches the per-second prefix because consecutive samples share it.
 */
export class Rfc3339Formatter {
  private second = Number.NaN;
  private prefix = '';
  private offset = '';

  format(epochMs: number): string {
    // Microseconds: the precision an epoch-ms double still holds exactly.
    const micros = Math.round(epochMs * 1000);
    const second = Math.floor(micros / 1e6);
    if (second !== this.second) this.cacheSecond(second);
    let fraction = micros - second * 1e6;
    if (fraction === 0) return this.prefix + this.offset;
    let digits = 6;
    while (fraction % 10 === 0) {
      fraction /= 10;
      digits--;
    }
    return `${this.prefix}.${String(fraction).padStart(digits, '0')}${this.offset}`;
  }

  private cacheSecond(second: number): void {
    const date = new Date(second * 1000);
    this.second = second;
    this.prefix =
      `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
      `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
    this.offset = formatOffset(-date.getTimezoneOffset());
  }
}

function formatOffset(minutesEast: number): string {
  if (minutesEast === 0) return 'Z';
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
