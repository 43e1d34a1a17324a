/** Numbers printed the way the authors' Python scorers print them. */

/**
 * Python's `f"{x:.{digits}f}"`: the exact binary value rounded, ties to even. `toFixed` breaks an
 * exact tie upwards (0.03125 → "0.0313" where Python prints "0.0312").
 */
export function pythonFixed(x: number, digits: number): string {
  const exact = x.toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  const tie = tail.startsWith('5') && /^50*$/.test(tail);
  if (!tie) return x.toFixed(digits);
  const kept = exact.slice(0, point + 1 + digits);
  const lastDigit = Number(kept[kept.length - 1] === '.' ? kept[kept.length - 2] : kept[kept.length - 1]);
  if (lastDigit % 2 === 0) return digits === 0 ? kept.slice(0, -1) : kept;
  return x.toFixed(digits);
}

/** Python's `repr` of a float (what `print(f"{x}")` shows): `1.0`, `0.25`, `5e-05`, `nan`. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e16)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(x);
  return Number.isInteger(x) ? `${text}.0` : text;
}
