import type { FilterSpec } from "../widget/spec";

const lastPart = (uniqueName: string) => {
  const m = /\[((?:[^\]]|\]\])*)\]$/.exec(uniqueName);
  return m ? m[1].replaceAll("]]", "]") : uniqueName;
};

/** The words on a filter chip. */
export function describeFilter(f: FilterSpec): string {
  switch (f.kind) {
    case "members": {
      const level = lastPart(f.level || f.hierarchy);
      if (f.members.length === 0) return `${level}: all`;
      const names = f.members.slice(0, 2).map((m) => m.caption);
      const more = f.members.length > 2 ? ` +${f.members.length - 2}` : "";
      return `${level} ${f.exclude ? "not in" : "="} ${names.join(", ")}${more}`;
    }
    case "topN":
      return `${f.direction === "top" ? "Top" : "Bottom"} ${f.count} by ${lastPart(f.measure)}`;
    case "range":
      return `${lastPart(f.level)}: ${f.from.caption} – ${f.to.caption}`;
  }
}
