import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { CubeModel, CubeSummary } from "../api/types";

const models = new Map<string, Promise<CubeModel>>();

export function loadCube(name: string): Promise<CubeModel> {
  let p = models.get(name);
  if (!p) {
    p = api.cube(name);
    p.catch(() => models.delete(name));
    models.set(name, p);
  }
  return p;
}

export function useCubeList(): { cubes: CubeSummary[]; error?: string } {
  const [state, setState] = useState<{ cubes: CubeSummary[]; error?: string }>({ cubes: [] });
  useEffect(() => {
    api.cubes().then(
      (cubes) => setState({ cubes }),
      (e: unknown) => setState({ cubes: [], error: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  return state;
}

/** The models of the named cubes, loaded once each. */
export function useCubeModels(names: string[]): Record<string, CubeModel> {
  const [loaded, setLoaded] = useState<Record<string, CubeModel>>({});
  const key = [...new Set(names.filter(Boolean))].sort().join("\n");
  useEffect(() => {
    let live = true;
    for (const name of key ? key.split("\n") : []) {
      loadCube(name).then(
        (m) => live && setLoaded((s) => (s[name] === m ? s : { ...s, [name]: m })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return loaded;
}
