import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { CubeModel, MemberInfo } from "../api/types";
import { captionOf } from "../data-model/captions";
import { t } from "../i18n";
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
    const timer = setTimeout(() => {
      api.members(cube, level, search, 0, limit).then(
        (page) => live && setState({ members: page.members, total: page.total }),
        (e: unknown) => live && setState({ members: [], total: 0, error: e instanceof Error ? e.message : String(e) }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
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
        placeholder={t("filter.searchMembers")}
        data-testid="member-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="row gap">
        <button
          data-testid="member-select-all"
          onClick={() => setChosen((c) => [...c, ...members.filter((m) => !isChosen(m.uniqueName)).map(toRef)])}
        >
          {t("filter.selectAll")}
        </button>
        <button data-testid="member-select-none" onClick={() => setChosen([])}>
          {t("filter.none")}
        </button>
        <label className="small">
          <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} /> {t("filter.exclude")}
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
        {total > members.length && <li className="muted small">{t("filter.more", { count: total - members.length })}</li>}
      </ul>
      <button className="primary" data-testid="filter-apply" onClick={() => onApply({ ...filter, members: chosen, exclude })}>
        {t("common.apply")}
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
          <option value="top">{t("filter.top")}</option>
          <option value="bottom">{t("filter.bottom")}</option>
        </select>
        <input
          type="number"
          min={1}
          data-testid="topn-count"
          value={f.count}
          onChange={(e) => setF({ ...f, count: Math.max(1, Number(e.target.value) || 1) })}
          style={{ width: 70 }}
        />
        <span>{t("filter.by")}</span>
        <select data-testid="topn-measure" value={f.measure} onChange={(e) => setF({ ...f, measure: e.target.value })}>
          {(model?.measures ?? []).map((m) => (
            <option key={m.uniqueName} value={m.uniqueName}>
              {captionOf(m)}
            </option>
          ))}
        </select>
      </div>
      <button className="primary" data-testid="filter-apply" onClick={() => onApply(f)}>
        {t("common.apply")}
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
        {pick(t("filter.from"), from, setFrom, "range-from")}
        {pick(t("filter.to"), to, setTo, "range-to")}
      </div>
      <button
        className="primary"
        data-testid="filter-apply"
        disabled={!a || !b}
        onClick={() => a && b && onApply({ ...filter, from: toRef(a), to: toRef(b) })}
      >
        {t("common.apply")}
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
  const title = t(draft.kind === "members" ? "filter.members" : draft.kind === "topN" ? "filter.topN" : "filter.range");
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
          {t("filter.members")}
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
          {t("filter.range")}
        </button>
      </div>
    );
  return (
    <div className="popover" data-testid="filter-editor" onMouseDown={(e) => e.stopPropagation()}>
      <div className="popover-head">
        <strong>{title}</strong>
        {kinds}
        <button className="icon-button" onClick={onClose} title={t("common.close")}>
          ×
        </button>
      </div>
      {draft.kind === "members" && <MemberPicker key={draft.level} cube={cube} filter={draft} onApply={onApply} />}
      {draft.kind === "topN" && <TopNEditor model={model} filter={draft} onApply={onApply} />}
      {draft.kind === "range" && <RangeEditor key={draft.level} cube={cube} filter={draft} onApply={onApply} />}
    </div>
  );
}
