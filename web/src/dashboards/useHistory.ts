import { useCallback, useState } from "react";

/** A value with undo/redo. */
export function useHistory<T>(initial: T) {
  const [state, setState] = useState({ past: [] as T[], present: initial, future: [] as T[] });
  const set = useCallback((next: T | ((v: T) => T), record = true) => {
    setState((s) => {
      const value = typeof next === "function" ? (next as (v: T) => T)(s.present) : next;
      if (value === s.present) return s;
      return record ? { past: [...s.past.slice(-99), s.present], present: value, future: [] } : { ...s, present: value };
    });
  }, []);
  const undo = useCallback(
    () =>
      setState((s) =>
        s.past.length ? { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] } : s,
      ),
    [],
  );
  const redo = useCallback(
    () => setState((s) => (s.future.length ? { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) } : s)),
    [],
  );
  return { value: state.present, set, undo, redo, canUndo: state.past.length > 0, canRedo: state.future.length > 0 };
}
