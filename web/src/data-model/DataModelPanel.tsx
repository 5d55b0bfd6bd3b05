import { useState, type DragEvent } from "react";
import type { CubeModel, CubeSummary } from "../api/types";
import { CalculatedMeasureForm } from "../measures/CalculatedMeasureForm";
import { uniqueNameOf, type CalculatedMeasure } from "../measures/calculated";
import { DRAG_MIME, encodeDrag, type DragItem } from "../widget/edit";
import { t } from "../i18n";
import { captionOf } from "./captions";
import { filterDimensions, measuresByFolder } from "./modelTree";

interface Props {
  cubes: CubeSummary[];
  cube: string;
  model?: CubeModel;
  onCubeChange: (cube: string) => void;
  /** Double-click: add to the selected widget. */
  onAdd: (item: DragItem) => void;
  /** The dashboard's calculated measures (all cubes). */
  calculated: CalculatedMeasure[];
  onDefineCalculated: (measure: CalculatedMeasure) => void;
  onRemoveCalculated: (name: string) => void;
}

function startDrag(e: DragEvent, item: DragItem) {
  e.dataTransfer.setData(DRAG_MIME, encodeDrag(item));
  e.dataTransfer.setData("text/plain", item.kind === "field" ? "" : item.caption);
  e.dataTransfer.effectAllowed = "copyMove";
}

function Item({ item, testId, title, onAdd }: { item: DragItem; testId: string; title?: string; onAdd: (i: DragItem) => void }) {
  const caption = item.kind === "field" ? "" : item.caption;
  return (
    <li
      className={"model-item model-" + item.kind}
      draggable
      data-testid={testId}
      title={title ?? caption}
      onDragStart={(e) => startDrag(e, item)}
      onDoubleClick={() => onAdd(item)}
    >
      <span className="model-icon">{item.kind === "measure" ? "Σ" : "≡"}</span>
      {caption}
    </li>
  );
}

export function DataModelPanel({ cubes, cube, model, onCubeChange, onAdd, calculated, onDefineCalculated, onRemoveCalculated }: Props) {
  const [search, setSearch] = useState("");
  const [defining, setDefining] = useState(false);
  const ours = calculated.filter((c) => c.cube === cube);
  const usable = [
    ...(model?.measures ?? []).filter((m) => m.visible !== false).map((m) => ({ uniqueName: m.uniqueName, name: captionOf(m) })),
    ...ours.map((c) => ({ uniqueName: uniqueNameOf(c.name), name: c.name })),
  ];
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const dims = model ? filterDimensions(model, search) : [];
  const measures = model ? measuresByFolder(model, search) : [];
  const open = (key: string) => search.trim() !== "" || !collapsed.has(key);

  return (
    <aside className="panel data-model" data-testid="data-model">
      <div className="panel-title">{t("model.title")}</div>
      <select className="cube-picker" data-testid="cube-picker" value={cube} onChange={(e) => onCubeChange(e.target.value)}>
        {cubes.length === 0 && <option value={cube}>{cube || t("model.noCube")}</option>}
        {cubes.map((c) => (
          <option key={c.name} value={c.name}>
            {captionOf(c)}
          </option>
        ))}
      </select>
      <input
        className="search"
        type="search"
        placeholder={t("model.search")}
        data-testid="model-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {!model && <div className="muted">{t("common.loading")}</div>}
      <div className="model-tree">
        <div className="model-section" onClick={() => toggle("#measures")}>
          {open("#measures") ? "▾" : "▸"} {t("model.measures")}
        </div>
        {open("#measures") && model && (
          <ul className="model-list">
            <li className="model-folder">{t("model.calculated")}</li>
            {ours
              .filter((c) => c.name.toLowerCase().includes(search.trim().toLowerCase()))
              .map((c) => (
                <div key={c.name} className="calc-item">
                  <Item
                    item={{ kind: "measure", uniqueName: uniqueNameOf(c.name), caption: c.name }}
                    testId={`model-measure-${uniqueNameOf(c.name)}`}
                    onAdd={onAdd}
                  />
                  <button
                    className="link"
                    title={t("common.remove")}
                    data-testid={`calc-remove-${c.name}`}
                    onClick={() => onRemoveCalculated(c.name)}
                  >
                    ×
                  </button>
                </div>
              ))}
            {defining ? (
              <CalculatedMeasureForm
                cube={cube}
                measures={usable}
                cubeMeasures={model.measures.map((m) => m.uniqueName)}
                others={calculated}
                onSave={(c) => {
                  onDefineCalculated(c);
                  setDefining(false);
                }}
                onCancel={() => setDefining(false)}
              />
            ) : (
              <li>
                <button className="link" data-testid="calc-new" onClick={() => setDefining(true)}>
                  {t("model.newCalculated")}
                </button>
              </li>
            )}
          </ul>
        )}
        {open("#measures") &&
          measures.map(([folder, list]) => (
            <ul key={folder} className="model-list">
              {folder && <li className="model-folder">{folder}</li>}
              {list.map((m) => (
                <Item
                  key={m.uniqueName}
                  item={{ kind: "measure", uniqueName: m.uniqueName, caption: captionOf(m) }}
                  testId={`model-measure-${m.uniqueName}`}
                  title={m.description ?? captionOf(m)}
                  onAdd={onAdd}
                />
              ))}
            </ul>
          ))}
        {dims.map((d) => (
          <div key={d.name}>
            <div className="model-section" data-testid={`model-dimension-${d.name}`} onClick={() => toggle(d.name)}>
              {open(d.name) ? "▾" : "▸"} {captionOf(d)}
            </div>
            {open(d.name) &&
              d.hierarchies.map((h) => (
                <ul key={h.uniqueName} className="model-list">
                  {(d.hierarchies.length > 1 || h.name !== d.name) && <li className="model-folder">{captionOf(h)}</li>}
                  {h.levels.map((l) => (
                    <Item
                      key={l.uniqueName}
                      item={{ kind: "level", hierarchy: h.uniqueName, level: l.uniqueName, caption: captionOf(l) }}
                      testId={`model-level-${l.uniqueName}`}
                      onAdd={onAdd}
                    />
                  ))}
                </ul>
              ))}
          </div>
        ))}
      </div>
    </aside>
  );
}
