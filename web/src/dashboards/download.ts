/** Saves text as a file through a temporary link. */
export function download(text: string, fileName: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function csvFileName(title: string): string {
  return (title.replace(/[^\w\- ]+/g, "").trim() || "widget") + ".csv";
}
