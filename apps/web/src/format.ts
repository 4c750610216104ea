export const fmt = (n: number): string => n.toLocaleString('en-US');

export function customers(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'not counted';
  return `${fmt(n)} ${n === 1 ? 'customer' : 'customers'}`;
}

export function signed(n: number): string {
  return n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '±0';
}

export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'audience'
  );
}
