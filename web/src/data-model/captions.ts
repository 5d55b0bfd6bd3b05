import type { CubeModel, Named } from "../api/types";
import { parseUniqueName } from "../mdx/ast";

/** What the user reads for a cube, dimension, hierarchy, level or measure: its caption in the page's language, else its name. */
export const captionOf = (x: Named): string => x.caption ?? x.name;

/** The last name of a unique name ("Month" of "[Time].[Time].[Month]"): what is shown of an element the model does not have. */
export function lastName(uniqueName: string): string {
  try {
    return parseUniqueName(uniqueName).parts.at(-1)?.name ?? uniqueName;
  } catch {
    return uniqueName;
  }
}

/** An element's caption when the model has it, else its unique name's last name. */
const shown = (element: Named | undefined, uniqueName: string) => (element ? captionOf(element) : lastName(uniqueName));

const hierarchies = (model: CubeModel | undefined) => (model?.dimensions ?? []).flatMap((d) => d.hierarchies);

export function hierarchyCaption(model: CubeModel | undefined, uniqueName: string): string {
  return shown(
    hierarchies(model).find((h) => h.uniqueName === uniqueName),
    uniqueName,
  );
}

export function levelCaption(model: CubeModel | undefined, uniqueName: string): string {
  const levels = hierarchies(model).flatMap((h) => h.levels);
  return shown(
    levels.find((l) => l.uniqueName === uniqueName),
    uniqueName,
  );
}

/** A measure's caption; a calculated measure (not in the model) shows its name. */
export function measureCaption(model: CubeModel | undefined, uniqueName: string): string {
  return shown(
    model?.measures.find((m) => m.uniqueName === uniqueName),
    uniqueName,
  );
}
