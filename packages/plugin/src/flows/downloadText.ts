/** Offers `text` to the person as a file download named `fileName`. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file name made from a flow's name: letters, digits, "-" and "_" only. */
export function exportFileName(flowName: string, format: 'json' | 'yaml'): string {
  const base = flowName.trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'flow';
  return `${base}.${format}`;
}
