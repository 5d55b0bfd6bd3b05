import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { CubeModel, MemberInfo } from "../api/types";
import type { FilterSpec, MemberFilter, MemberRef, RangeFilter, TopNFilter } from "../widget/spec";

interface Props {
  cube: string;
  model?: CubeModel;
  filter: FilterSpec;
  onApply: (f: FilterSpec) => void;
  onClose: () => void;
}

function useMembers(cube: string, level: string, search: string, limit = 200) {
  const [state, setState] = useState<{ members: MemberInfo[]; total: number; error?: string }>({ members: [], total: 0 });
  useEffect(() => {
    if (!level) return;
    let live = true;
    const t = setTimeout(() => {
      api.members(cube, level, search, 0, limit).then(
        (page) => live && setState({ members: page.members, total: page.total }),
        (e: unknown) => live && setState({ members: [], total: 0, error: e instanceof Error ? e.message : String(e) }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [cube, level, search, limit]);
  return state;
}

const toRef = (m: MemberInfo): MemberRef => ({ uniqueName: m.uniqueName, caption: m.caption || m.name });

function MemberPicker({ cube, filter, onApply }: { cube: string; filter: MemberFilter; onApply: (f: FilterSpec) => void }) {
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<MemberRef[]>(filter.members);
  const [exclude, setExclude] = useState(!!filter.exclude);
  const { members, total, error } = useMembers(cube, filter.level, search);
  const isChosen = (u: string) => chosen.some((c) => c.uniqueName === u);
  const flip = (m: MemberInfo) =>
    setChosen((c) => (isChosen(m.uniqueName) ? c.filter((x) => x.uniqueName !== m.uniqueName) : [...c, toRef(m)]));
  return (
    <>
      <input
        type="search"
        className="search"
        placeholder="Search members"
        data-testid="member-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="row gap">
        <button
          data-testid="member-select-all"
          onClick={() => setChosen((c) => [...c, ...members.filter((m) => !isChosen(m.uniqueName)).map(toRef)])}
        >
          Select all
        </button>
        <button data-testid="member-select-none" onClick={() => setChosen([])}>
          None
        </button>
        <label className="small">
          <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} /> Exclude
        </label>
      </div>
      {error && <div className="error small">{error}</div>}
      <ul className="member-list" data-testid="member-list">
        {members.map((m) => (
          <li key={m.uniqueName}>
            <label>
              <input type="checkbox" data-testid={`member-${m.uniqueName}`} checked={isChosen(m.uniqueName)} onChange={() => flip(m)} />
              {m.caption || m.name}
            </label>
          </li>
        ))}
        {total > members.length && <li className="muted small">{total - members.length} more: refine the search</li>}
      </ul>
      <button className="primary" data-testid="filter-apply" onClick={() => onApply({ ...filter, members: chosen, exclude })}>
        Apply
      </button>
    </>
  );
}

function TopNEditor({ model, filter, onApply }: { model?: CubeModel; filter: TopNFilter; onApply: (f: FilterSpec) => void }) {
  const [f, setF] = useState(filter);
  return (
    <>
      <div className="row gap">
        <select
          data-testid="topn-direction"
          value={f.direction}
          onChange={(e) => setF({ ...f, direction: e.target.value as "top" | "bottom" })}
        >
          <option value="top">Top</option>
          <option value="bottom">Bottom</option>
        </select>
        <input
          type="number"
          min={1}
          data-testid="topn-count"
          value={f.count}
          onChange={(e) => setF({ ...f, count: Math.max(1, Number(e.target.value) || 1) })}
          style={{ width: 70 }}
        />
        <span>by</span>
        <select data-testid="topn-measure" value={f.measure} onChange={(e) => setF({ ...f, measure: e.target.value })}>
          {(model?.measures ?? []).map((m) => (
            <option key={m.uniqueName} value={m.uniqueName}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <button className="primary" data-testid="filter-apply" onClick={() => onApply(f)}>
        Apply
      </button>
    </>
  );
}

function RangeEditor({ cube, filter, onApply }: { cube: string; filter: RangeFilter; onApply: (f: FilterSpec) => void }) {
  const { members, error } = useMembers(cube, filter.level, "", 2000);
  const [from, setFrom] = useState(filter.from.uniqueName);
  const [to, setTo] = useState(filter.to.uniqueName);
  const find = (u: string) => members.find((m) => m.uniqueName === u);
  const pick = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="col">
      {label}
      <select data-testid={testId} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">—</option>
        {members.map((m) => (
          <option key={m.uniqueName} value={m.uniqueName}>
            {m.caption || m.name}
          </option>
        ))}
      </select>
    </label>
  );
  const a = find(from);
  const b = find(to);
  return (
    <>
      {error && <div className="error small">{error}</div>}
      <div className="row gap">
        {pick("From", from, setFrom, "range-from")}
        {pick("To", to, setTo, "range-to")}
      </div>
      <button
        className="primary"
        data-testid="filter-apply"
        disabled={!a || !b}
        onClick={() => a && b && onApply({ ...filter, from: toRef(a), to: toRef(b) })}
      >
        Apply
      </button>
    </>
  );
}

/**
 * Edits one filter: a member picker, a Top/Bottom N editor or a range picker. Switching between
 * members and range changes the editor only: nothing is applied until its Apply (a range needs
 * both ends).
 */
export function FilterEditor({ cube, model, filter, onApply, onClose }: Props) {
  const [draft, setDraft] = useState<FilterSpec>(filter);
  useEffect(() => setDraft(filter), [filter]);
  const title = draft.kind === "members" ? "Members" : draft.kind === "topN" ? "Top / Bottom N" : "Range";
  const kinds =
    draft.kind === "topN" ? null : (
      <div className="segmented small">
        <button
          className={draft.kind === "members" ? "active" : ""}
          data-testid="filter-kind-members"
          onClick={() =>
            draft.kind === "range" &&
            setDraft(filter.kind === "members" ? filter : { kind: "members", hierarchy: draft.hierarchy, level: draft.level, members: [] })
          }
        >
          Members
        </button>
        <button
          className={draft.kind === "range" ? "active" : ""}
          data-testid="filter-kind-range"
          onClick={() =>
            draft.kind === "members" &&
            setDraft(
              filter.kind === "range"
                ? filter
                : {
                    kind: "range",
                    hierarchy: draft.hierarchy,
                    level: draft.level,
                    from: { uniqueName: "", caption: "" },
                    to: { uniqueName: "", caption: "" },
                  },
            )
          }
        >
          Range
        </button>
      </div>
    );
  return (
    <div className="popover" data-testid="filter-editor" onMouseDown={(e) => e.stopPropagation()}>
      <div className="popover-head">
        <strong>{title}</strong>
        {kinds}
        <button className="icon-button" onClick={onClose} title="Close">
          ×
        </button>
      </div>
      {draft.kind === "members" && <MemberPicker key={draft.level} cube={cube} filter={draft} onApply={onApply} />}
      {draft.kind === "topN" && <TopNEditor model={model} filter={draft} onApply={onApply} />}
      {draft.kind === "range" && <RangeEditor key={draft.level} cube={cube} filter={draft} onApply={onApply} />}
    </div>
  );
}
