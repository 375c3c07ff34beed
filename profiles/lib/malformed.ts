// Keeps the first few malformed answers per VU on the console, so a server speaking HTML or garbage is visible.
const KEEP = 3;
let kept = 0;

export function noteMalformed(api: string, sample: string): void {
  if (kept >= KEEP) return;
  kept += 1;
  console.warn(`inferload: malformed ${api} answer (sample ${kept}/${KEEP}): ${sample.slice(0, 300)}`);
}
