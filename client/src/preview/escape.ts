/** Escaping and short names shared by the panel's pure renderers (html.ts, correlations.ts). */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The file name of a sample path, or the member name of an archive member (`x.zip!dir/a.json`). */
export function basename(p: string): string {
  return p.split(/[\\/!]/).pop() ?? p;
}
