import type { CubeModel } from "../api/types";
import { levelCaption, measureCaption } from "../data-model/captions";
import { t } from "../i18n";
import type { FilterSpec } from "../widget/spec";

/** The words on a filter chip; levels and measures by their captions in `model` (their names without it). */
export function describeFilter(f: FilterSpec, model?: CubeModel): string {
  switch (f.kind) {
    case "members": {
      const level = levelCaption(model, f.level || f.hierarchy);
      if (f.members.length === 0) return t("filter.describeAll", { level });
      const names = f.members
        .slice(0, 2)
        .map((m) => m.caption)
        .join(", ");
      const members = f.members.length > 2 ? t("filter.describeMore", { members: names, count: f.members.length - 2 }) : names;
      return t(f.exclude ? "filter.describeNotIn" : "filter.describeIn", { level, members });
    }
    case "topN":
      return t(f.direction === "top" ? "filter.describeTop" : "filter.describeBottom", {
        count: f.count,
        measure: measureCaption(model, f.measure),
      });
    case "range":
      return t("filter.describeRange", { level: levelCaption(model, f.level), from: f.from.caption, to: f.to.caption });
  }
}
