/**
 * Python's `repr(float)` (and numpy's `str(float64)`): shortest round-trip digits, always a decimal
 * point or exponent (`15.0`, `0.455`, `1e-05`, `1e+16`). The chapter's CSV files and payloads are
 * written by pandas/numpy this way, and it matters: `15.0` is Fractional to the analyzer, `15` Integral.
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const e = Number(exp);
  let body: string;
  if (e >= -4 && e < 16) {
    if (e >= 0) {
      const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
      const fraction = digits.slice(e + 1);
      body = `${whole}.${fraction || '0'}`;
    } else {
      body = `0.${'0'.repeat(-e - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return negative ? `-${body}` : body;
}
