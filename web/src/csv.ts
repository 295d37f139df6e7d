/**
 * Downloads a file the server writes (e.g. `/api/alerts.csv`): the browser fetches it with
 * the session cookie and saves it, so a whole area never passes through the page's memory.
 */
export function downloadFrom(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
