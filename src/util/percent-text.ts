// A share as a short percentage for sentences: one decimal under 10% ("2.5%"), none above ("38%").

/** 0.025 -> "2.5%", 0.38 -> "38%". */
export function percentText(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
